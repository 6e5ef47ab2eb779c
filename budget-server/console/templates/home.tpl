{{%AUTOESCAPE context="HTML"}}
<h1>{{_ Consultations _}}</h1>
<div class="table-scroll" role="region" aria-labelledby="consultations-table" tabindex="0">
<table>
<caption id="consultations-table" class="visually-hidden">{{_ Consultations on this server _}}</caption>
<thead><tr><th scope="col">{{_ Council _}}</th><th scope="col">{{_ Year _}}</th><th scope="col" class="number">{{_ Responses _}}</th><th scope="col" class="number">{{_ Balanced _}}</th><th scope="col">{{_ Results _}}</th></tr></thead>
<tbody>
{{#BUDGET}}
<tr><th scope="row"><a href="/console/budgets/{{ID}}">{{COUNCIL}}</a><br><span class="hint">{{ID}}, {{_ version _}} {{VERSION}}</span></th><td>{{YEAR}}</td><td class="number">{{COUNT}}{{#THIS_VERSION}}<br><span class="hint">{{TEXT}}</span>{{/THIS_VERSION}}</td><td class="number">{{BALANCED}}</td><td>{{PUBLIC}}</td></tr>
{{/BUDGET}}
</tbody>
</table>
</div>
{{#NO_BUDGETS}}<p>{{_ This server holds no budgets yet. _}}</p>{{/NO_BUDGETS}}
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
<table>
<thead><tr><th scope="col">{{_ Ballot _}}</th><th scope="col" class="number">{{_ Votes _}}</th><th scope="col">{{_ Results _}}</th><th scope="col">{{_ At the event _}}</th></tr></thead>
<tbody>
{{#BALLOT}}
<tr><th scope="row">{{TITLE}}<br><span class="hint">{{ID}}</span></th><td class="number">{{COUNT}}</td><td>{{PUBLIC}}</td><td><a href="/console/tally/{{ID}}">{{_ Open the live tally (for a projector) _}}</a><br><a href="/console/codes/{{ID}}">{{_ Voter codes _}}</a><br><a href="/console/paper/{{ID}}">{{_ Paper ballots _}}</a></td></tr>
{{/BALLOT}}
</tbody>
</table>
</div>
{{/BALLOTS}}
