{{%AUTOESCAPE context="HTML"}}
<h1>{{_ Consultations _}}</h1>
{{>START_TOP}}
<div class="table-scroll" role="region" aria-labelledby="consultations-table" tabindex="0">
<table class="stacked">
<caption id="consultations-table" class="visually-hidden">{{_ Consultations on this server _}}</caption>
<thead><tr><th scope="col">{{_ Council _}}</th><th scope="col">{{_ State _}}</th><th scope="col" class="number">{{_ Responses _}}</th><th scope="col" class="number">{{_ Balanced _}}</th><th scope="col">{{_ Results _}}</th><th scope="col">{{_ Pages _}}</th></tr></thead>
<tbody>
{{#BUDGET}}
<tr><th scope="row"><a href="/console/budgets/{{ID}}">{{COUNCIL}}</a><br><span class="hint">{{YEAR}} · {{ID}}, {{_ version _}} {{VERSION}}</span></th><td data-label="{{_ State _}}"><strong>{{STATE}}</strong><br><span class="hint">{{DATES}}</span>{{#SCHEDULED}}<br><span class="hint">{{TEXT}}</span>{{/SCHEDULED}}</td><td class="number" data-label="{{_ Responses _}}">{{COUNT}}{{#THIS_VERSION}}<br><span class="hint">{{TEXT}}</span>{{/THIS_VERSION}}</td><td class="number" data-label="{{_ Balanced _}}">{{BALANCED}}</td><td data-label="{{_ Results _}}">{{PUBLIC}}</td><td><ul class="cell-links"><li><a href="/console/budgets/{{ID}}/budget">{{_ The budget _}}</a></li><li><a href="/console/budgets/{{ID}}/report">{{_ Report _}}</a></li><li><a href="/?budget={{ID}}">{{_ As residents see it _}}</a></li></ul></td></tr>
{{/BUDGET}}
{{#STARTED}}
<tr><th scope="row"><a href="/console/budgets/{{ID}}/budget">{{ID}}</a><br><span class="hint">{{STARTED}}</span></th><td data-label="{{_ State _}}"><strong>{{_ Draft: not published yet _}}</strong>{{#SCHEDULED}}<br><span class="hint">{{TEXT}}</span>{{/SCHEDULED}}</td><td class="number" data-label="{{_ Responses _}}">–</td><td class="number" data-label="{{_ Balanced _}}">–</td><td data-label="{{_ Results _}}">–</td><td><a href="/console/budgets/{{ID}}/budget">{{_ The budget _}}</a></td></tr>
{{/STARTED}}
</tbody>
</table>
</div>
{{#NO_BUDGETS}}<p>{{_ This server holds no budgets yet. _}}</p>{{/NO_BUDGETS}}
{{>START_BOTTOM}}
{{#PROFILES}}
<h2 id="profiles-heading">{{_ Annual reports _}}</h2>
<div class="table-scroll" role="region" aria-labelledby="profiles-heading" tabindex="0">
<table>
<thead><tr><th scope="col">{{_ Council _}}</th><th scope="col">{{_ Figures as of _}}</th><th scope="col">{{_ The report _}}</th></tr></thead>
<tbody>
{{#PROFILE}}
<tr><th scope="row"><a href="/console/profiles/{{ID}}">{{COUNCIL}}</a><br><span class="hint">{{ID}}, {{_ version _}} {{VERSION}}</span></th><td>{{AS_OF}}</td><td><a href="/report/{{ID}}">{{_ Read the annual report _}}</a></td></tr>
{{/PROFILE}}
</tbody>
</table>
</div>
{{/PROFILES}}
{{#BALLOTS}}
<h2 id="ballots-heading">{{_ Project ballots _}}</h2>
<div class="table-scroll" role="region" aria-labelledby="ballots-heading" tabindex="0">
<table class="stacked">
<thead><tr><th scope="col">{{_ Ballot _}}</th><th scope="col">{{_ State _}}</th><th scope="col" class="number">{{_ Votes _}}</th><th scope="col">{{_ Results _}}</th><th scope="col">{{_ At the event _}}</th></tr></thead>
<tbody>
{{#BALLOT}}
<tr><th scope="row">{{TITLE}}<br><span class="hint">{{ID}}</span></th><td data-label="{{_ State _}}"><strong>{{STATE}}</strong><br><span class="hint">{{DATES}}</span></td><td class="number" data-label="{{_ Votes _}}">{{COUNT}}</td><td data-label="{{_ Results _}}">{{PUBLIC}}</td><td><ul class="cell-links"><li><a href="/console/tally/{{ID}}">{{_ Open the live tally (for a projector) _}}</a></li><li><a href="/console/codes/{{ID}}">{{_ Voter codes _}}</a></li><li><a href="/console/paper/{{ID}}">{{_ Paper ballots _}}</a></li></ul></td></tr>
{{/BALLOT}}
</tbody>
</table>
</div>
{{/BALLOTS}}
