{{%AUTOESCAPE context="HTML"}}
<h1>{{_ Audit log _}}</h1>
<p>{{_ Every officer action on this server, newest first. _}} <a href="/console/audit.csv" download>{{_ Download the audit log (CSV) _}}</a></p>
<form method="get" action="/console/audit" class="filters">
<div class="field">
<label for="officer">{{_ Officer's name _}}</label>
<input id="officer" name="officer" type="text" value="{{F_OFFICER}}" autocomplete="off">
</div>
<div class="field">
<label for="action">{{_ What they did _}}</label>
<select id="action" name="action">
<option value="">{{_ Anything _}}</option>
{{#ACTION_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{TEXT}}</option>{{/ACTION_OPTION}}
</select>
</div>
<div class="field">
<label for="from">{{_ From (UK day) _}}</label>
<input id="from" name="from" type="date" value="{{F_FROM}}">
</div>
<div class="field">
<label for="to">{{_ To (UK day) _}}</label>
<input id="to" name="to" type="date" value="{{F_TO}}">
</div>
<button class="button secondary">{{_ Filter _}}</button>
</form>
{{#NONE}}<p role="status">{{_ No entries match. _}}</p>{{/NONE}}
<div class="table-scroll" role="region" aria-labelledby="audit-table" tabindex="0">
<table>
<caption id="audit-table" class="visually-hidden">{{_ Audit log _}}</caption>
<thead><tr><th scope="col">{{_ When _}}</th><th scope="col">{{_ What happened _}}</th></tr></thead>
<tbody>
{{#ENTRY}}<tr><td>{{AT}}</td><td>{{SENTENCE}} <span class="hint">({{ACTION}})</span></td></tr>{{/ENTRY}}
</tbody>
</table>
</div>
<nav class="pages" aria-label="{{_ Pages _}}">{{#OLDER}}<a href="/console/audit?{{QUERY}}" rel="next">{{_ Older entries _}}</a>{{/OLDER}}</nav>
