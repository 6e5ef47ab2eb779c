{{%AUTOESCAPE context="HTML"}}
<h2>{{_ Responses over time _}}</h2>
{{>DAYS}}
<h2>{{_ Services _}}</h2>
<p>{{_ How far residents chose to change each service's budget, on the steps the simulator offers. The mark shows today's level. _}}</p>
<div class="table-scroll" role="region" aria-labelledby="services-table" tabindex="0">
<table>
<caption id="services-table">{{_ Services: cut, kept or increased _}}</caption>
<thead><tr><th scope="col">{{_ Service _}}</th><th scope="col" class="number">{{_ Cut _}}</th><th scope="col" class="number">{{_ Kept _}}</th><th scope="col" class="number">{{_ Increased _}}</th><th scope="col" class="number">{{_ Lower quartile _}}</th><th scope="col" class="number">{{_ Median _}}</th><th scope="col" class="number">{{_ Upper quartile _}}</th></tr></thead>
<tbody>
{{#SERVICE}}<tr><th scope="row"><a href="#service-{{SERVICE_ID}}">{{NAME}}</a></th><td class="number">{{CUT}}</td><td class="number">{{KEPT}}</td><td class="number">{{INCREASED}}</td><td class="number">{{LOWER}}</td><td class="number">{{MEDIAN}}</td><td class="number">{{UPPER}}</td></tr>{{/SERVICE}}
</tbody>
</table>
</div>
{{#SERVICE}}
<section id="service-{{SERVICE_ID}}" class="lever">
<h3>{{NAME}}</h3>
<p>{{SPREAD}}</p>
{{>CHART}}
</section>
{{/SERVICE}}
<h2>{{_ Savings and income options _}}</h2>
{{>OPTIONS}}
<h2>{{_ Council tax _}}</h2>
<p>{{TAX_MEDIAN}}</p>
{{>TAX}}
