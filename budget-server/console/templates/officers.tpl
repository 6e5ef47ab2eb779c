{{%AUTOESCAPE context="HTML"}}
<h1>{{_ Officers _}}</h1>
{{#NOTICE}}<div class="notice" role="status"><p>{{MESSAGE}}</p></div>{{/NOTICE}}
{{#ERROR}}
<div class="error-summary" role="alert" aria-labelledby="error-title" tabindex="-1">
<h2 id="error-title">{{_ There is a problem _}}</h2>
<p>{{MESSAGE}}</p>
</div>
{{/ERROR}}
<div class="table-scroll" role="region" aria-labelledby="officers-table" tabindex="0">
<table>
<caption id="officers-table" class="visually-hidden">{{_ Officers who can sign in _}}</caption>
<thead><tr><th scope="col">{{_ Name _}}</th><th scope="col">{{_ Role _}}</th><th scope="col">{{_ Added _}}</th><th scope="col"><span class="visually-hidden">{{_ Actions _}}</span></th></tr></thead>
<tbody>
{{#OFFICER_ROW}}<tr><th scope="row">{{NAME}}</th><td>{{ROLE}}</td><td>{{ADDED}}</td><td>{{#REMOVABLE}}<form method="post" action="/console/officers/remove"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="name" value="{{NAME}}"><button class="button warning">{{REMOVE_LABEL}}</button></form>{{/REMOVABLE}}</td></tr>{{/OFFICER_ROW}}
</tbody>
</table>
</div>
<h2>{{_ Add an officer _}}</h2>
<form method="post" action="/console/officers/add">
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field">
<label for="new-name">{{_ Name _}}</label>
<input id="new-name" name="name" type="text" autocomplete="off" spellcheck="false" autocapitalize="none" maxlength="64" required>
</div>
<fieldset class="field">
<legend>{{_ Role _}}</legend>
<div class="choice"><input id="role-analyst" name="role" type="radio" value="analyst" checked><label for="role-analyst">{{_ Analyst: reads results and exports them _}}</label></div>
<div class="choice"><input id="role-admin" name="role" type="radio" value="admin"><label for="role-admin">{{_ Administrator: also moderates, sets dates and manages officers and tokens _}}</label></div>
</fieldset>
<div class="field">
<label for="new-password">{{_ First password (at least 12 characters; tell them, and they can ask for it to be changed) _}}</label>
<input id="new-password" name="password" type="password" autocomplete="new-password" required>
</div>
<button class="button">{{_ Add officer _}}</button>
</form>
