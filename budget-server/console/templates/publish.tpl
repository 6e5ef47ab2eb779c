{{%AUTOESCAPE context="HTML"}}
<p class="breadcrumb"><a href="/console/">{{_ Consultations _}}</a> › <a href="{{COUNCIL_HREF}}">{{COUNCIL}}</a> › <a href="/console/budgets/{{ID}}/budget">{{_ The budget _}}</a> › <a href="/console/budgets/{{ID}}/drafts/{{NUMBER}}">{{_ Draft _}} {{NUMBER}}</a></p>
{{#PUBLISH_ERROR}}<div class="error-summary" role="alert" aria-labelledby="error-title" tabindex="-1">
<h2 id="error-title">{{_ There is a problem _}}</h2>
<ul><li><a href="#publish_at">{{MESSAGE}}</a></li></ul>
</div>{{/PUBLISH_ERROR}}
<h1>{{HEADING}}</h1>
<p>{{LIVE_RESPONSES}}</p>
<h2>{{CHANGES_HEADING}}</h2>
{{#NOTHING_CHANGES}}<p>{{_ No line, amount, range or council tax setting changes. Words, indicators or questions may still differ: preview the draft to see them. _}}</p>{{/NOTHING_CHANGES}}
<div class="table-scroll" role="region" aria-labelledby="totals-table" tabindex="0">
<table class="stacked">
<caption id="totals-table">{{_ Totals _}}</caption>
<thead><tr><th scope="col">{{_ Total _}}</th><th scope="col" class="number">{{_ Now _}}</th><th scope="col" class="number">{{_ After publishing _}}</th><th scope="col" class="number">{{_ Change _}}</th></tr></thead>
<tbody>
{{#TOTAL_ROW}}<tr><th scope="row">{{LABEL}}</th><td class="number" data-label="{{_ Now _}}">{{BEFORE}}</td><td class="number" data-label="{{_ After publishing _}}">{{AFTER}}</td><td class="number" data-label="{{_ Change _}}">{{CHANGE}}</td></tr>{{/TOTAL_ROW}}
</tbody>
</table>
</div>
{{#LINE_TABLE}}<div class="table-scroll" role="region" aria-labelledby="lines-table" tabindex="0">
<table class="stacked">
<caption id="lines-table">{{_ Lines added, removed, moved or changed _}}</caption>
<thead><tr><th scope="col">{{_ Line _}}</th><th scope="col">{{_ Kind _}}</th><th scope="col">{{_ What changes _}}</th><th scope="col" class="number">{{_ Now _}}</th><th scope="col" class="number">{{_ After publishing _}}</th><th scope="col" class="number">{{_ Change _}}</th></tr></thead>
<tbody>
{{#LINE_ROW}}<tr><th scope="row">{{NAME}}</th><td data-label="{{_ Kind _}}">{{KIND}}</td><td data-label="{{_ What changes _}}">{{WHAT}}</td><td class="number" data-label="{{_ Now _}}">{{BEFORE}}</td><td class="number" data-label="{{_ After publishing _}}">{{AFTER}}</td><td class="number" data-label="{{_ Change _}}">{{CHANGE}}</td></tr>{{/LINE_ROW}}
</tbody>
</table>
</div>{{/LINE_TABLE}}
{{#NO_LINE_CHANGES}}<p>{{_ No line is added, removed, moved or changed in amount. _}}</p>{{/NO_LINE_CHANGES}}
{{#FLAG}}<p><strong>{{TEXT}}</strong></p>{{/FLAG}}
<h2>{{_ When to publish _}}</h2>
<form method="post" action="/console/budgets/{{ID}}/drafts/{{NUMBER}}/publish">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="confirmed" value="yes">
<fieldset class="field">
<legend>{{_ Publish _}}</legend>
<div class="choice"><input id="when-now" name="when" type="radio" value="now"{{#NOW_CHECKED}} checked{{/NOW_CHECKED}}><label for="when-now">{{_ Now _}}</label></div>
<div class="choice"><input id="when-later" name="when" type="radio" value="later"{{#LATER_CHECKED}} checked{{/LATER_CHECKED}}><label for="when-later">{{_ At a time (UK time, GMT or BST) _}}</label></div>
</fieldset>
<div class="field">
<label for="publish_at">{{_ Date and time to publish, if not now _}}</label>
{{#PUBLISH_AT_ERROR}}<p class="error-message" id="publish_at-error"><span class="visually-hidden">{{_ Error: _}}</span> {{MESSAGE}}</p>{{/PUBLISH_AT_ERROR}}
<input id="publish_at" name="publish_at" type="datetime-local" value="{{PUBLISH_AT_VALUE}}"{{#PUBLISH_AT_ERROR}} aria-describedby="publish_at-error" aria-invalid="true"{{/PUBLISH_AT_ERROR}}>
</div>
<button class="button">{{PUBLISH_BUTTON}}</button>
<a class="button secondary" href="/console/budgets/{{ID}}/drafts/{{NUMBER}}">{{_ Go back to the draft _}}</a>
</form>
