{{%AUTOESCAPE context="HTML"}}
<p class="breadcrumb"><a href="/console/">{{_ Consultations _}}</a></p>
<h1>{{_ Paper ballots _}} <span class="hint">{{TITLE}}</span></h1>
{{#NOTICE}}<div class="notice" role="status"><p>{{MESSAGE}}</p></div>{{/NOTICE}}
{{#ERRORS}}<div class="error-summary" role="alert" tabindex="-1"><h2>{{_ Nothing was added _}}</h2><ul>{{#PROBLEM}}<li>{{TEXT}}</li>{{/PROBLEM}}</ul></div>{{/ERRORS}}
<h2 id="stations-heading">{{_ Votes by polling station _}}</h2>
<div class="table-scroll" role="region" aria-labelledby="stations-heading" tabindex="0">
<table>
<thead><tr><th scope="col">{{_ Station _}}</th><th scope="col" class="number">{{_ Votes _}}</th></tr></thead>
<tbody>
{{#STATION}}<tr><th scope="row">{{NAME}}</th><td class="number">{{VOTES}}</td></tr>{{/STATION}}
</tbody>
</table>
</div>
{{#CAN_ENTER}}
<h2>{{_ Enter a ballot paper _}}</h2>
<p>{{RULE}}</p>
<form method="post" action="/console/paper/{{ID}}">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="entry" value="{{ENTRY}}">
<div class="field">
<label for="station">{{_ Polling station _}}</label>
<input id="station" name="station" type="text" maxlength="100" value="{{STATION_VALUE}}" required autocomplete="off">
</div>
{{#AREA}}<fieldset class="field">
<legend>{{AREA_NAME}}</legend>
{{#PROJECT}}<div class="choice"><input id="p-{{PROJECT_ID}}" name="project" type="checkbox" value="{{PROJECT_ID}}"><label for="p-{{PROJECT_ID}}">{{PROJECT_NAME}} ({{COST}}) <span class="hint">{{PROJECT_ID}}</span></label></div>{{/PROJECT}}
</fieldset>{{/AREA}}
<button class="button" type="submit">{{_ Add this ballot paper _}}</button>
</form>
<h2>{{_ Import ballot papers from a file _}}</h2>
<p>{{_ A CSV file with one ballot paper a line: the ids of the projects chosen on it, separated by commas (the ids are beside the projects above). Blank lines are skipped. Every paper is checked first: if any breaks the ballot's rule, none is added. A file imported twice is counted once. _}}</p>
<form method="post" action="/console/paper/{{ID}}/import" enctype="multipart/form-data">
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field">
<label for="import-station">{{_ Polling station _}}</label>
<input id="import-station" name="station" type="text" maxlength="100" value="{{STATION_VALUE}}" required autocomplete="off">
</div>
<div class="field">
<label for="file">{{_ The file (.csv) _}}</label>
<input id="file" name="file" type="file" accept=".csv,.txt,text/csv,text/plain" required>
</div>
<button class="button" type="submit">{{_ Import the ballot papers _}}</button>
</form>
{{/CAN_ENTER}}
{{#ANALYST}}<p>{{_ Only administrators can enter paper ballots. _}}</p>{{/ANALYST}}
