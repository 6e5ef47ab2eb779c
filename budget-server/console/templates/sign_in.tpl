{{%AUTOESCAPE context="HTML"}}
{{#ERROR}}
<div class="error-summary" role="alert" aria-labelledby="error-title" tabindex="-1">
<h2 id="error-title">{{_ There is a problem _}}</h2>
<p>{{MESSAGE}}</p>
</div>
{{/ERROR}}
{{#NOTICE}}<div class="notice" role="status"><p>{{MESSAGE}}</p></div>{{/NOTICE}}
<h1>{{_ Sign in _}}</h1>
<p>{{_ Council officers sign in here to read a consultation's results, moderate comments and export them. _}}</p>
<form method="post" action="/console/sign-in" class="sign-in" novalidate>
<div class="field">
<label for="name">{{_ Name _}}</label>
<input id="name" name="name" type="text" autocomplete="username" spellcheck="false" autocapitalize="none" value="{{NAME}}" required>
</div>
<div class="field">
<label for="password">{{_ Password _}}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
</div>
<button class="button">{{_ Sign in _}}</button>
</form>
<p class="hint">{{_ Forgotten your password? Ask an administrator of this server to set a new one. _}}</p>
