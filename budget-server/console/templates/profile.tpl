{{%AUTOESCAPE context="HTML"}}
<p class="breadcrumb"><a href="/console/">{{_ Consultations _}}</a> › {{COUNCIL}}</p>
<h1>{{_ The council's figures _}} <span class="hint">{{COUNCIL}}</span></h1>
{{#NOTICE}}<div class="notice" role="status"><p>{{MESSAGE}}</p></div>{{/NOTICE}}
{{#ERROR}}
<div class="error-summary" role="alert" aria-labelledby="error-title" tabindex="-1">
<h2 id="error-title">{{_ There is a problem _}}</h2>
<p>{{MESSAGE}}</p>
</div>
{{/ERROR}}
<p>{{_ The finances, governance events and "you said, we did" behind the council's annual report, each with its source. _}}</p>
<p>{{_ The annual report shows version _}} <strong>{{VERSION}}</strong> ({{SOURCE}}). {{_ Figures as of _}} {{AS_OF}}.</p>
<ul class="actions">
<li><a href="/report/{{ID}}">{{_ Read the annual report _}}</a></li>
<li><a href="/console/profiles/{{ID}}/profile.xlsx" download>{{_ Download it as a workbook (Excel) to edit _}}</a></li>
<li><a href="/console/profiles/{{ID}}/profile.json" download>{{_ Download it as a profile file (JSON) _}}</a></li>
</ul>
<h2>{{_ Drafts _}}</h2>
{{#CAN_UPLOAD}}
<form method="post" action="/console/profiles/{{ID}}/drafts" enctype="multipart/form-data">
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field">
<label for="draft-file">{{_ Upload a workbook (.xlsx) or a profile file (.json) _}}</label>
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
{{#DRAFT_ROW}}<tr><th scope="row"><a href="/console/profiles/{{ID}}/drafts/{{NUMBER}}">{{NUMBER}}</a></th><td>{{FILE}}</td><td>{{BY}}</td><td>{{AT}}</td><td>{{STATUS}}</td></tr>{{/DRAFT_ROW}}
</tbody>
</table>
</div>
{{#NO_DRAFTS}}<p>{{_ No drafts yet. _}}</p>{{/NO_DRAFTS}}
