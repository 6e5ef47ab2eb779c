{{%AUTOESCAPE context="HTML"}}
<p class="breadcrumb"><a href="/console/">{{_ Consultations _}}</a></p>
<h1>{{_ Voter codes _}} <span class="hint">{{TITLE}}</span></h1>
{{#NOT_REQUIRED}}<div class="notice" role="status"><p>{{_ This consultation does not ask for voter codes, so codes made here are not checked. To ask for them, set "codes_required" in a ballot's file, or "Voter codes required" in a budget's workbook. _}}</p></div>{{/NOT_REQUIRED}}
{{#ERROR}}<div class="error-summary" role="alert" tabindex="-1"><h2>{{_ There is a problem _}}</h2><p>{{MESSAGE}}</p></div>{{/ERROR}}
<div class="headline">
<p><span class="figure">{{MADE}}</span> {{_ codes made _}}</p>
<p><span class="figure">{{USED}}</span> {{_ used _}}</p>
</div>
{{#CAN_CREATE}}
<h2>{{_ Make codes to print _}}</h2>
<p>{{_ Each code lets one resident vote or respond once. The codes are shown only on the next page, ready to print as slips: the server keeps only a fingerprint of each, so it cannot show them again. _}}</p>
<form method="post" action="/console/codes/{{ID}}">
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field">
<label for="count">{{_ How many codes (1 to 500 at a time) _}}</label>
<input id="count" name="count" type="number" inputmode="numeric" min="1" max="500" value="{{COUNT}}" required>
</div>
<div class="field">
<label for="batch">{{_ A name for this batch, for the audit log (for example, the event) _}}</label>
<input id="batch" name="batch" type="text" maxlength="100" value="{{BATCH}}">
</div>
<button class="button" type="submit">{{_ Make the codes and show the slips _}}</button>
</form>
{{/CAN_CREATE}}
{{#ANALYST}}<p>{{_ Only administrators can make voter codes. _}}</p>{{/ANALYST}}
