{{%AUTOESCAPE context="HTML"}}
<h1>{{_ Change your password _}}</h1>
{{#NOTICE}}<div class="notice" role="status"><p>{{MESSAGE}}</p></div>{{/NOTICE}}
{{#ERROR}}
<div class="error-summary" role="alert" aria-labelledby="error-title" tabindex="-1">
<h2 id="error-title">{{_ There is a problem _}}</h2>
<p>{{MESSAGE}}</p>
</div>
{{/ERROR}}
<p>{{_ Changing it signs you out everywhere else. _}}</p>
<form method="post" action="/console/password">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="text" name="username" value="{{OFFICER}}" autocomplete="username" hidden>
<div class="field">
<label for="current">{{_ Your password now _}}</label>
<input id="current" name="current" type="password" autocomplete="current-password" required>
</div>
<div class="field">
<label for="new">{{_ New password (at least 12 characters) _}}</label>
<input id="new" name="new" type="password" autocomplete="new-password" required>
</div>
<button class="button">{{_ Change password _}}</button>
</form>
