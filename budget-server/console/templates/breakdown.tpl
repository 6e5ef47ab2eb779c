{{%AUTOESCAPE context="HTML"}}
<div class="table-scroll" role="region" aria-labelledby="{{TABLE_ID}}" tabindex="0">
<table>
<caption id="{{TABLE_ID}}">{{CAPTION}}</caption>
<thead><tr><th scope="col">{{_ Figure _}}</th>{{#GROUP}}<th scope="col" class="number">{{NAME}}</th>{{/GROUP}}</tr></thead>
<tbody>
{{#ROW}}<tr><th scope="row">{{LABEL}}</th>{{#CELL}}<td class="number">{{VALUE}}</td>{{/CELL}}</tr>{{/ROW}}
</tbody>
</table>
</div>
{{#SECONDARY}}<p>{{_ One group had fewer than 10 responses, so the next smallest group is hidden with it: otherwise its figures could be worked out from the totals. _}}</p>{{/SECONDARY}}
