{{%AUTOESCAPE context="HTML"}}
<p class="breadcrumb"><a href="/console/">{{_ Consultations _}}</a>{{#LIVE}} › <a href="/console/budgets/{{ID}}">{{COUNCIL}}</a>{{/LIVE}}</p>
<h1>{{_ The budget _}} <span class="hint">{{COUNCIL}}{{#LIVE}}, {{YEAR}}{{/LIVE}}</span></h1>
{{#NOTICE}}<div class="notice" role="status"><p>{{MESSAGE}}</p></div>{{/NOTICE}}
{{#ERROR}}
<div class="error-summary" role="alert" aria-labelledby="error-title" tabindex="-1">
<h2 id="error-title">{{_ There is a problem _}}</h2>
<p>{{MESSAGE}}</p>
</div>
{{/ERROR}}
{{#PENDING}}<p>{{PENDING_TEXT}}</p>{{/PENDING}}
{{#LIVE}}
<p>{{_ Residents see version _}} <strong>{{VERSION}}</strong>.</p>
<ul class="actions">
<li><a href="/console/budgets/{{ID}}/budget.xlsx" download>{{_ Download it as a workbook (Excel) to edit _}}</a></li>
<li><a href="/console/budgets/{{ID}}/budget.json" download>{{_ Download it as a budget file (JSON) _}}</a></li>
</ul>
<h2>{{_ Versions _}}</h2>
<p>{{_ Each response keeps the version it was made against. Results are counted for each version apart. _}}</p>
<div class="table-scroll" role="region" aria-labelledby="versions-table" tabindex="0">
<table>
<caption id="versions-table" class="visually-hidden">{{_ Versions _}}</caption>
<thead><tr><th scope="col">{{_ Version _}}</th><th scope="col">{{_ Where it came from _}}</th><th scope="col">{{_ Results and files _}}</th></tr></thead>
<tbody>
{{#VERSION_ROW}}<tr><th scope="row">{{NUMBER}}{{#CURRENT}} ({{_ current _}}){{/CURRENT}}</th><td>{{SOURCE}}</td><td>{{#CURRENT}}<a href="/console/budgets/{{ID}}">{{_ Results _}}</a>{{/CURRENT}}{{#EARLIER}}<a href="/console/budgets/{{ID}}?version={{NUMBER}}">{{_ Results _}}</a> · <a href="/console/budgets/{{ID}}/budget.xlsx?version={{NUMBER}}" download>{{_ Workbook _}}</a> · <a href="/console/budgets/{{ID}}/budget.json?version={{NUMBER}}" download>JSON</a>{{/EARLIER}}</td></tr>{{/VERSION_ROW}}
</tbody>
</table>
</div>
{{/LIVE}}
{{#CAN_ROLL_BACK}}
<h2>{{_ Roll back _}}</h2>
<p>{{ROLLBACK_TEXT}}</p>
<form method="post" action="/console/budgets/{{ID}}/rollback">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="expected" value="{{LIVE}}">
<div class="choice"><input id="rollback-confirm" name="confirm" type="checkbox" value="yes" required><label for="rollback-confirm">{{ROLLBACK_CONFIRM}}</label></div>
<button class="button warning">{{ROLLBACK_BUTTON}}</button>
</form>
{{/CAN_ROLL_BACK}}
<h2>{{_ Drafts _}}</h2>
{{#SCHEDULED}}<div class="notice"><p>{{TEXT}}</p>
{{#CAN_CANCEL}}<form method="post" action="/console/budgets/{{ID}}/schedule/cancel">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button class="button secondary">{{_ Cancel the scheduled publish _}}</button>
</form>{{/CAN_CANCEL}}</div>{{/SCHEDULED}}
{{#CAN_UPLOAD}}
<form method="post" action="/console/budgets/{{ID}}/drafts" enctype="multipart/form-data">
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field">
<label for="draft-file">{{_ Upload a workbook (.xlsx) or a budget file (.json) _}}</label>
<p class="hint" id="draft-file-hint">{{_ It is checked at once: every problem is listed with its sheet and cell. Nothing changes for residents until a draft is published. _}}</p>
<input id="draft-file" name="file" type="file" accept=".xlsx,.json,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" aria-describedby="draft-file-hint" required>
</div>
<button class="button">{{_ Upload and check _}}</button>
</form>
{{/CAN_UPLOAD}}
<div class="table-scroll" role="region" aria-labelledby="drafts-table" tabindex="0">
<table>
<caption id="drafts-table" class="visually-hidden">{{_ Drafts _}}</caption>
<thead><tr><th scope="col">{{_ Draft _}}</th><th scope="col">{{_ File _}}</th><th scope="col">{{_ Uploaded by _}}</th><th scope="col">{{_ Uploaded _}}</th><th scope="col">{{_ State _}}</th></tr></thead>
<tbody>
{{#DRAFT_ROW}}<tr><th scope="row"><a href="/console/budgets/{{ID}}/drafts/{{NUMBER}}">{{NUMBER}}</a></th><td>{{FILE}}</td><td>{{BY}}</td><td>{{AT}}</td><td>{{STATUS}}</td></tr>{{/DRAFT_ROW}}
</tbody>
</table>
</div>
{{#NO_DRAFTS}}<p>{{_ No drafts yet. _}}</p>{{/NO_DRAFTS}}
