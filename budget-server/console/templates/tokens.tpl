{{%AUTOESCAPE context="HTML"}}
<h1>{{_ API tokens _}}</h1>
<p>{{_ A token lets a script download exports for chosen consultations, as the officer it belongs to. It is shown once, when it is made; the server keeps only a hash of it. _}}</p>
{{#NEW_TOKEN}}
<div class="notice" role="status">
<p><strong>{{_ Copy this token now: it is shown only once. _}}</strong></p>
<p><code class="token">{{TOKEN}}</code></p>
<p>{{_ Send it as a header: _}} <code>Authorization: Bearer {{TOKEN}}</code></p>
</div>
{{/NEW_TOKEN}}
{{#NOTICE}}<div class="notice" role="status"><p>{{MESSAGE}}</p></div>{{/NOTICE}}
{{#ERROR}}
<div class="error-summary" role="alert" aria-labelledby="error-title" tabindex="-1">
<h2 id="error-title">{{_ There is a problem _}}</h2>
<p>{{MESSAGE}}</p>
</div>
{{/ERROR}}
<div class="table-scroll" role="region" aria-labelledby="tokens-table" tabindex="0">
<table>
<caption id="tokens-table" class="visually-hidden">{{_ API tokens _}}</caption>
<thead><tr><th scope="col">{{_ For _}}</th><th scope="col">{{_ Officer _}}</th><th scope="col">{{_ Consultations _}}</th><th scope="col">{{_ Made _}}</th><th scope="col">{{_ Last used _}}</th><th scope="col"><span class="visually-hidden">{{_ Actions _}}</span></th></tr></thead>
<tbody>
{{#TOKEN_ROW}}<tr><th scope="row">{{NAME}}</th><td>{{OFFICER}}</td><td>{{BUDGETS}}</td><td>{{MADE}}</td><td>{{USED}}</td><td>{{#LIVE}}<form method="post" action="/console/tokens/revoke"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="id" value="{{ID}}"><button class="button warning">{{REVOKE_LABEL}}</button></form>{{/LIVE}}{{#REVOKED}}{{REVOKED_TEXT}}{{/REVOKED}}</td></tr>{{/TOKEN_ROW}}
</tbody>
</table>
</div>
{{#NO_TOKENS}}<p>{{_ No tokens yet. _}}</p>{{/NO_TOKENS}}
<h2>{{_ Make a token _}}</h2>
<form method="post" action="/console/tokens/create">
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field">
<label for="token-name">{{_ What it is for _}}</label>
<input id="token-name" name="name" type="text" maxlength="80" required>
</div>
<div class="field">
<label for="token-officer">{{_ Officer _}}</label>
<select id="token-officer" name="officer">
{{#OFFICER_OPTION}}<option value="{{NAME}}">{{NAME}}</option>{{/OFFICER_OPTION}}
</select>
</div>
<fieldset class="field">
<legend>{{_ Consultations it may read _}}</legend>
{{#BUDGET_OPTION}}<div class="choice"><input id="budget-{{ID}}" name="budget" type="checkbox" value="{{ID}}"><label for="budget-{{ID}}">{{COUNCIL}} ({{ID}})</label></div>{{/BUDGET_OPTION}}
</fieldset>
<button class="button">{{_ Make the token _}}</button>
</form>
