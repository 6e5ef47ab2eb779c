{{%AUTOESCAPE context="HTML"}}
<p class="breadcrumb"><a href="/console/">{{_ Consultations _}}</a> › {{#BUDGET_DRAFT}}<a href="{{COUNCIL_HREF}}">{{COUNCIL}}</a> › <a href="{{BASE}}/budget">{{_ The budget _}}</a>{{/BUDGET_DRAFT}}{{#PROFILE_DRAFT}}<a href="{{BASE}}">{{COUNCIL}}: {{_ the council's figures _}}</a>{{/PROFILE_DRAFT}}</p>
<h1>{{_ Draft _}} {{NUMBER}} <span class="hint">{{FILE}}</span></h1>
<p class="meta">{{_ Uploaded by _}} {{BY}}, {{AT}}</p>
{{#ERROR}}
<div class="error-summary" role="alert" aria-labelledby="error-title" tabindex="-1">
<h2 id="error-title">{{_ There is a problem _}}</h2>
<p>{{MESSAGE}}</p>
</div>
{{/ERROR}}
{{#HAS_PROBLEMS}}
<div class="error-summary" role="alert" aria-labelledby="problems-title" tabindex="-1">
<h2 id="problems-title">{{SUMMARY}}</h2>
<p>{{#BUDGET_DRAFT}}{{_ Correct them in the file, then upload it again on the budget page. _}}{{/BUDGET_DRAFT}}{{#PROFILE_DRAFT}}{{_ Correct them in the file, then upload it again on the profile page. _}}{{/PROFILE_DRAFT}}</p>
</div>
{{/HAS_PROBLEMS}}
{{#PROBLEM_TABLE}}
<div class="table-scroll" role="region" aria-labelledby="problem-table" tabindex="0">
<table class="problems">
<caption id="problem-table">{{_ Problems _}}</caption>
<thead><tr><th scope="col">{{_ Where _}}</th><th scope="col">{{_ What is wrong _}}</th><th scope="col">{{_ What to do _}}</th></tr></thead>
<tbody>
{{#PROBLEM_ROW}}<tr><th scope="row" data-label="{{_ Where _}}"><span class="place">{{WHERE}}</span></th><td data-label="{{_ What is wrong _}}">{{MESSAGE}} <span class="hint code">{{CODE}}</span></td><td data-label="{{_ What to do _}}">{{HINT}}</td></tr>{{/PROBLEM_ROW}}
</tbody>
</table>
</div>
{{/PROBLEM_TABLE}}
{{#WARNING_TABLE}}
<div class="table-scroll" role="region" aria-labelledby="warning-table" tabindex="0">
<table class="problems">
<caption id="warning-table">{{_ Worth checking (these do not stop publishing) _}}</caption>
<thead><tr><th scope="col">{{_ Where _}}</th><th scope="col">{{_ What is wrong _}}</th><th scope="col">{{_ What to do _}}</th></tr></thead>
<tbody>
{{#WARNING_ROW}}<tr><th scope="row" data-label="{{_ Where _}}"><span class="place">{{WHERE}}</span></th><td data-label="{{_ What is wrong _}}">{{MESSAGE}} <span class="hint code">{{CODE}}</span></td><td data-label="{{_ What to do _}}">{{HINT}}</td></tr>{{/WARNING_ROW}}
</tbody>
</table>
</div>
{{/WARNING_TABLE}}
{{#READY}}
<div class="notice" role="status"><p>{{_ This draft has no problems. Preview it as residents will see it, then publish it. _}}</p></div>
<h2>{{_ Preview _}}</h2>
<ul class="actions">
{{#BUDGET_DRAFT}}<li><a href="{{BASE}}/drafts/{{NUMBER}}/preview?size=phone&amp;lang=en">{{_ On a phone, in English _}}</a></li>
<li><a href="{{BASE}}/drafts/{{NUMBER}}/preview?size=desktop&amp;lang=en">{{_ On a desktop, in English _}}</a></li>{{/BUDGET_DRAFT}}
{{#PROFILE_DRAFT}}<li><a href="{{BASE}}/drafts/{{NUMBER}}/preview?lang=en">{{_ The annual report, in English _}}</a></li>{{/PROFILE_DRAFT}}
{{#WELSH_PREVIEW}}{{#BUDGET_DRAFT}}<li><a href="{{BASE}}/drafts/{{NUMBER}}/preview?size=phone&amp;lang=cy">{{_ On a phone, in Welsh _}}</a></li>
<li><a href="{{BASE}}/drafts/{{NUMBER}}/preview?size=desktop&amp;lang=cy">{{_ On a desktop, in Welsh _}}</a></li>{{/BUDGET_DRAFT}}
{{#PROFILE_DRAFT}}<li><a href="{{BASE}}/drafts/{{NUMBER}}/preview?lang=cy">{{_ The annual report, in Welsh _}}</a></li>{{/PROFILE_DRAFT}}{{/WELSH_PREVIEW}}
</ul>
{{/READY}}
{{#CAN_DOWNLOAD}}
<h2>{{_ Download _}}</h2>
<ul class="actions">
<li><a href="{{BASE}}/drafts/{{NUMBER}}/{{STEM}}.json" download>{{#BUDGET_DRAFT}}{{_ This draft as a budget file (JSON) _}}{{/BUDGET_DRAFT}}{{#PROFILE_DRAFT}}{{_ This draft as a profile file (JSON) _}}{{/PROFILE_DRAFT}}</a></li>
{{#READY}}<li><a href="{{BASE}}/drafts/{{NUMBER}}/{{STEM}}.xlsx" download>{{_ This draft as a workbook (Excel) _}}</a></li>{{/READY}}
</ul>
{{/CAN_DOWNLOAD}}
{{#PUBLISHED}}<p><strong>{{_ Published as version _}} {{VERSION}}.</strong></p>{{/PUBLISHED}}
{{#CAN_PUBLISH}}
<h2>{{_ Publish _}}</h2>
<p>{{_ Publishing makes this draft version _}} {{NEXT_VERSION}}. {{#BUDGET_DRAFT}}{{_ Residents see it at once; responses already made keep the version they were made against. _}}{{/BUDGET_DRAFT}}{{#PROFILE_DRAFT}}{{_ The annual report and the app's annual report screen show it at once. _}}{{/PROFILE_DRAFT}}</p>
<form method="post" action="{{BASE}}/drafts/{{NUMBER}}/publish">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button class="button">{{_ Publish as the next version _}}</button>
</form>
{{/CAN_PUBLISH}}
