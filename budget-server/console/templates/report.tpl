{{%AUTOESCAPE context="HTML"}}
<p class="breadcrumb no-print"><a href="/console/">{{_ Consultations _}}</a> › <a href="/console/budgets/{{ID}}">{{COUNCIL}}</a></p>
<h1>{{TITLE}}</h1>
<dl class="facts">
<dt>{{_ Council _}}</dt><dd>{{COUNCIL}}</dd>
<dt>{{_ Budget year _}}</dt><dd>{{YEAR}}</dd>
<dt>{{_ Open for responses _}}</dt><dd>{{WINDOW}}</dd>
<dt>{{_ Responses received _}}</dt><dd>{{PERIOD}}</dd>
<dt>{{_ Responses _}}</dt><dd>{{COUNT}}</dd>{{#ALL_VERSIONS}}<dt>{{_ Every version _}}</dt><dd>{{TEXT}}</dd>{{/ALL_VERSIONS}}
<dt>{{_ Report made _}}</dt><dd>{{MADE}}</dd>
</dl>
<h2>{{_ Headline findings _}}</h2>
{{#EMPTY}}<p>{{_ No responses yet. _}}</p>{{/EMPTY}}
<ul class="findings">
{{#FINDING}}<li>{{TEXT}}</li>{{/FINDING}}
</ul>
{{>FIGURES}}
{{#HAS_GROUPS}}
<h2>{{_ Results by group _}}</h2>
<p>{{_ Residents could say who they are, if they chose to. A group with fewer than 10 responses shows no figures, so that nobody can be picked out. _}}</p>
{{#GROUPS}}{{>BREAKDOWN}}{{/GROUPS}}
{{/HAS_GROUPS}}
<h2>{{_ How to read these results _}}</h2>
<p>{{_ Anyone with the link could respond, once or more than once, on a phone, a computer or at an event. The people who responded chose to take part, so they are not a representative sample of residents: read these figures as what respondents said, not as a survey of the area. _}}</p>
<p>{{_ Every response was checked on arrival with the same calculations the simulator ran for the resident, so each one stays within the limits the council set. A response sent twice counts once. _}}</p>
<p>{{_ Percentages are of all responses and are rounded to whole numbers, so they may not add up to 100. Quartiles and medians are exact for the steps the simulator offers. _}}</p>
<p>{{SUPPRESSION}}</p>
<p class="no-print"><a href="/console/budgets/{{ID}}">{{_ Back to the results _}}</a></p>
