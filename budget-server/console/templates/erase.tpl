{{%AUTOESCAPE context="HTML"}}
<p class="breadcrumb"><a href="/console/">{{_ Consultations _}}</a> › <a href="/console/budgets/{{ID}}">{{COUNCIL}}</a></p>
<h1>{{_ Erase a response _}}</h1>
<p>{{_ When a resident asks for their response to be erased (UK GDPR), or a comment must go, find it by the reference the resident was given when they sent it. Only a keyed hash of the reference is kept afterwards, so that a device sending it again is answered without storing it. _}}</p>
{{#ERROR}}<div class="error-summary" role="alert" aria-labelledby="error-title" tabindex="-1">
<h2 id="error-title">{{_ There is a problem _}}</h2>
<ul><li><a href="#{{FIELD}}">{{MESSAGE}}</a></li></ul>
</div>{{/ERROR}}
<form method="post" action="/console/budgets/{{ID}}/erase">
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field">
<label for="reference">{{_ The response's reference _}}</label>
{{#REFERENCE_ERROR}}<p class="error-message" id="reference-error"><span class="visually-hidden">{{_ Error: _}}</span> {{MESSAGE}}</p>{{/REFERENCE_ERROR}}
<input id="reference" name="reference" type="text" value="{{REFERENCE}}" autocomplete="off" spellcheck="false"{{#REFERENCE_ERROR}} aria-describedby="reference-error" aria-invalid="true"{{/REFERENCE_ERROR}}>
</div>
<button class="button" name="action" value="find">{{_ Find it _}}</button>
</form>
{{#FOUND}}
<h2>{{_ The response _}}</h2>
<p>{{SUMMARY}}</p>
<form method="post" action="/console/budgets/{{ID}}/erase">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="reference" value="{{REFERENCE}}">
<div class="field">
{{#CONFIRM_ERROR}}<p class="error-message" id="confirm-error"><span class="visually-hidden">{{_ Error: _}}</span> {{MESSAGE}}</p>{{/CONFIRM_ERROR}}
<div class="choice"><input id="confirm" name="confirm" type="checkbox" value="yes"{{#CONFIRM_ERROR}} aria-describedby="confirm-error" aria-invalid="true"{{/CONFIRM_ERROR}}><label for="confirm">{{_ I mean to erase it: this cannot be undone _}}</label></div>
</div>
<button class="button warning" name="action" value="whole">{{_ Erase the whole response _}}</button>
<button class="button secondary" name="action" value="comments">{{_ Erase only its comments and personal answers _}}</button>
</form>
{{/FOUND}}
