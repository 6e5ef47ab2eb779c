{{%AUTOESCAPE context="HTML"}}
<h2>{{_ Responses over time _}}</h2>
{{>DAYS}}
<h2>{{_ Against the gap _}}</h2>
<p>{{GAP_SENTENCE}}</p>
<div class="table-scroll" role="region" aria-labelledby="gap-table" tabindex="0">
<table>
<caption id="gap-table">{{_ What the average response does to the gap, a year _}}</caption>
<thead><tr><th scope="col">{{_ Choices _}}</th><th scope="col" class="number">{{_ Closes the gap by _}}</th></tr></thead>
<tbody>
{{#GAP_ROW}}<tr><th scope="row">{{LABEL}}</th><td class="number">{{AMOUNT}}</td></tr>{{/GAP_ROW}}
</tbody>
</table>
</div>
<h2>{{_ Services _}}</h2>
<p>{{_ How far residents chose to change each service's budget, on the steps the simulator offers. The mark shows today's level. _}}</p>
<div class="table-scroll" role="region" aria-labelledby="services-table" tabindex="0">
<table>
<caption id="services-table">{{_ Services: cut, kept or increased _}}</caption>
<thead><tr><th scope="col">{{_ Service _}}</th><th scope="col" class="number">{{_ Cut _}}</th><th scope="col" class="number">{{_ Kept _}}</th><th scope="col" class="number">{{_ Increased _}}</th><th scope="col" class="number">{{_ Lower quartile _}}</th><th scope="col" class="number">{{_ Median _}}</th><th scope="col" class="number">{{_ Upper quartile _}}</th><th scope="col" class="number">{{_ Median, £ a year _}}</th></tr></thead>
<tbody>
{{#SERVICE}}<tr><th scope="row"><a href="#service-{{SERVICE_ID}}">{{NAME}}</a></th><td class="number">{{CUT}}</td><td class="number">{{KEPT}}</td><td class="number">{{INCREASED}}</td><td class="number">{{LOWER}}</td><td class="number">{{MEDIAN}}</td><td class="number">{{UPPER}}</td><td class="number">{{MEDIAN_POUNDS}}</td></tr>{{/SERVICE}}
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
<h2>{{_ Residents' ratings _}}</h2>
<p>{{_ From the optional step How are we doing?: the share who chose one of the top two answers, out of those who did not say they don't know, with its 95% range. The public sees a share only once 10 residents have rated. Residents who rated anything: _}} {{RATED}}</p>
<div class="table-scroll" role="region" aria-labelledby="ratings-table" tabindex="0">
<table>
<caption id="ratings-table">{{_ Residents' ratings _}}</caption>
<thead><tr><th scope="col">{{_ Asked about _}}</th><th scope="col" class="number">{{_ Rated _}}</th><th scope="col" class="number">{{_ Don't know _}}</th><th scope="col">{{_ Share positive (95% range) _}}</th><th scope="col">{{_ Positive means _}}</th><th scope="col">{{_ Public _}}</th></tr></thead>
<tbody>
{{#RATING}}<tr><th scope="row">{{ABOUT}}</th><td class="number">{{RATED_N}}</td><td class="number">{{DONT_KNOW}}</td><td>{{SHARE}}</td><td>{{POSITIVE}}</td><td>{{PUBLISHED}}</td></tr>{{/RATING}}
</tbody>
</table>
</div>
