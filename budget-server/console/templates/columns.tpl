{{%AUTOESCAPE context="HTML"}}
<figure class="chart">
<figcaption id="{{CHART_ID}}-title">{{CHART_TITLE}}</figcaption>
<div class="chart-pair">
<svg width="100%" height="{{HEIGHT}}" role="img" aria-labelledby="{{CHART_ID}}-title" focusable="false">
<line x1="0" x2="100%" y1="{{BASE_Y}}" y2="{{BASE_Y}}" class="chart-axis"></line>
{{#COLUMN}}
<rect x="{{X}}%" y="{{Y}}" width="{{W}}%" height="{{H}}" class="chart-bar{{#HIGHLIGHT}} chart-bar-today{{/HIGHLIGHT}}"></rect>
{{#TICK}}<text x="{{MID}}%" y="{{LABEL_Y}}" text-anchor="{{ANCHOR}}" class="chart-label">{{LABEL}}</text>{{/TICK}}
{{/COLUMN}}
</svg>
<table class="chart-table">
<caption class="visually-hidden">{{CHART_TITLE}}</caption>
<thead><tr><th scope="col">{{LABEL_HEADING}}</th><th scope="col" class="number">{{VALUE_HEADING}}</th></tr></thead>
<tbody>
{{#ROW}}<tr><th scope="row">{{LABEL}}</th><td class="number">{{VALUE}}</td></tr>{{/ROW}}
</tbody>
</table>
</div>
{{#NOTE}}<p class="hint">{{TEXT}}</p>{{/NOTE}}
</figure>
