{{%AUTOESCAPE context="HTML"}}
<p class="breadcrumb"><a href="/console/">{{_ Consultations _}}</a> › <a href="/console/budgets/{{ID}}">{{COUNCIL}}</a></p>
<h1>{{HEADING}}</h1>
{{#NOTICE}}<div class="notice" role="status"><p>{{MESSAGE}}</p></div>{{/NOTICE}}
<p id="comment-counts">{{SUMMARY}}</p>
{{#QUEUE}}<p class="hint">{{_ Oldest first. Approve a comment to publish it with the results, or hide it with a reason. _}}</p>{{/QUEUE}}
<form method="get" action="/console/budgets/{{ID}}/comments" class="filters">
<div class="field">
<label for="state">{{_ Which _}}</label>
<select id="state" name="state">
{{#STATE}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{TEXT}}</option>{{/STATE}}
</select>
</div>
<div class="field">
<label for="q">{{_ Words in the comment _}}</label>
<input id="q" name="q" type="search" value="{{Q}}">
</div>
<div class="field">
<label for="about">{{_ About _}}</label>
<select id="about" name="about">
<option value="">{{_ Everything _}}</option>
{{#ABOUT}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{TEXT}}</option>{{/ABOUT}}
</select>
</div>
<button class="button secondary">{{_ Filter _}}</button>
</form>
<p role="status">{{SHOWING}}</p>
<ol class="comments" start="{{FIRST}}">
{{#COMMENT}}
<li class="comment{{#HIDDEN}} hidden-comment{{/HIDDEN}}">
<p class="meta"><span>{{ABOUT_TEXT}}</span> · <span>{{_ Response _}} {{SUBMISSION}}</span>{{#HIDDEN}} · <strong class="tag">{{_ Hidden _}}</strong>{{/HIDDEN}}{{#WAITING}} · <strong class="tag waiting">{{_ Waiting to be checked _}}</strong>{{/WAITING}}</p>
<blockquote><p>{{TEXT}}</p></blockquote>
{{#HIDDEN}}<p class="hint">{{HIDDEN_NOTE}}</p>{{/HIDDEN}}
{{#APPROVED}}<p class="hint">{{APPROVED_NOTE}}</p>{{/APPROVED}}
{{#CAN_MODERATE}}
{{#WAITING}}
<form method="post" action="/console/budgets/{{ID}}/comments/approve">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="submission" value="{{SUBMISSION}}">
<input type="hidden" name="about" value="{{ABOUT_VALUE}}">
<input type="hidden" name="back" value="{{BACK}}">
<button class="button">{{_ Approve and publish _}}</button>
</form>
{{/WAITING}}
{{#SHOWN}}
<details>
<summary>{{_ Hide this comment _}}</summary>
<form method="post" action="/console/budgets/{{ID}}/comments/hide">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="submission" value="{{SUBMISSION}}">
<input type="hidden" name="about" value="{{ABOUT_VALUE}}">
<input type="hidden" name="back" value="{{BACK}}">
<div class="field">
<label for="reason-{{N}}">{{_ Reason (kept in the audit log) _}}</label>
<input id="reason-{{N}}" name="reason" type="text" required maxlength="200">
</div>
<button class="button warning">{{_ Hide from public outputs _}}</button>
</form>
</details>
{{/SHOWN}}
{{#HIDDEN}}
<form method="post" action="/console/budgets/{{ID}}/comments/show">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="submission" value="{{SUBMISSION}}">
<input type="hidden" name="about" value="{{ABOUT_VALUE}}">
<input type="hidden" name="back" value="{{BACK}}">
<button class="button secondary">{{_ Show it again _}}</button>
</form>
{{/HIDDEN}}
{{/CAN_MODERATE}}
</li>
{{/COMMENT}}
</ol>
<nav class="pages" aria-label="{{_ Pages _}}">
{{#PREVIOUS}}<a href="{{HREF}}" rel="prev">{{_ Previous page _}}</a>{{/PREVIOUS}}
{{#NEXT}}<a href="{{HREF}}" rel="next">{{_ Next page _}}</a>{{/NEXT}}
</nav>
