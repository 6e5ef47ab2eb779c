{{%AUTOESCAPE context="HTML"}}
<figure class="chart">
<figcaption id="{{CHART_ID}}-title">{{CHART_TITLE}}</figcaption>
<div class="chart-pair">
<svg width="100%" height="{{HEIGHT}}" role="img" aria-labelledby="{{CHART_ID}}-title" focusable="false">
{{#BAR}}
<text x="0" y="{{TEXT_Y}}" class="chart-label">{{LABEL}}</text>
<text x="100%" y="{{TEXT_Y}}" text-anchor="end" class="chart-value">{{VALUE}}</text>
<rect x="0" y="{{BAR_Y}}" width="{{BAR_W}}%" height="{{BAR_H}}" class="chart-bar{{#HIGHLIGHT}} chart-bar-today{{/HIGHLIGHT}}"></rect>
{{/BAR}}
</svg>
<table class="chart-table">
<caption class="visually-hidden">{{CHART_TITLE}}</caption>
<thead><tr><th scope="col">{{LABEL_HEADING}}</th><th scope="col" class="number">{{VALUE_HEADING}}</th></tr></thead>
<tbody>
{{#BAR}}<tr><th scope="row">{{LABEL}}</th><td class="number">{{VALUE}}</td></tr>{{/BAR}}
</tbody>
</table>
</div>
</figure>
