{{%AUTOESCAPE context="HTML"}}
<p class="breadcrumb"><a href="/console/">{{_ Consultations _}}</a></p>
<h1>{{COUNCIL}} <span class="hint">{{YEAR}}</span></h1>
<div class="headline">
<p><span class="figure">{{COUNT}}</span> {{_ responses _}}</p>
{{#BALANCE_OPTIONAL}}<p><span class="figure">{{BALANCED_SHARE}}</span> {{_ balanced the budget _}}</p>{{/BALANCE_OPTIONAL}}
<p><span class="figure">{{COMMENTED}}</span> {{_ responses with comments _}}</p>
</div>
{{#ALL_VERSIONS}}<p class="lead">{{TEXT}}</p>{{/ALL_VERSIONS}}
{{#NOTICE}}<div class="notice" role="status"><p>{{MESSAGE}}</p></div>{{/NOTICE}}
<p>{{#EARLIER_VERSION}}<strong>{{_ These are the results for version _}} {{VERSION}}, {{_ an earlier version. _}}</strong> <a href="/console/budgets/{{ID}}">{{_ See the current version _}}</a>{{/EARLIER_VERSION}}{{#CURRENT_VERSION}}{{_ Results for version _}} {{VERSION}}, {{_ the one residents see now. _}}{{/CURRENT_VERSION}}</p>
<ul class="actions">
<li><a href="/console/budgets/{{ID}}/comments">{{_ Read and moderate comments _}}</a> <span id="comment-counts">{{COMMENT_SUMMARY}}</span></li>
{{#WAITING}}<li><a href="/console/budgets/{{ID}}/comments?state=waiting"><strong>{{WAITING_TEXT}}</strong></a></li>{{/WAITING}}
<li><a href="/console/budgets/{{ID}}/duplicates">{{_ Likely duplicate responses _}}</a> <span id="duplicate-count">{{DUPLICATE_TEXT}}</span></li>
<li><a href="/console/budgets/{{ID}}/report{{VERSION_QUERY}}">{{_ The results report for cabinet (to print) _}}</a></li>
<li><a href="/console/budgets/{{ID}}/export.xlsx{{VERSION_QUERY}}" download>{{_ Download the results workbook (Excel) _}}</a></li>
<li><a href="/console/budgets/{{ID}}/export.csv{{VERSION_QUERY}}" download>{{_ Download every response (CSV) _}}</a></li>
<li><a href="/console/budgets/{{ID}}/aggregate.json{{VERSION_QUERY}}" download>{{_ Download the summary (JSON) _}}</a></li>
<li><a href="/console/budgets/{{ID}}/budget">{{_ The budget: versions, drafts and publishing _}}</a></li>
{{#PROFILE}}<li><a href="/report/{{PROFILE_ID}}">{{_ The council's annual report (public): finances and warning signs _}}</a></li>{{/PROFILE}}
<li><a href="/console/tally/{{ID}}">{{_ Open the live tally (for a projector) _}}</a></li>
<li><a href="/console/codes/{{ID}}">{{_ Voter codes _}}</a></li>
{{#CAN_ERASE}}<li><a href="/console/budgets/{{ID}}/erase">{{_ Erase a response (a resident's request) _}}</a></li>{{/CAN_ERASE}}
</ul>
<h2>{{_ When responses are taken _}}</h2>
<p><strong>{{WINDOW_STATE}}</strong></p>
<p class="hint">{{WINDOW_SOURCE}}</p>
<p class="hint" id="retention">{{RETENTION}}</p>
{{#CAN_CHANGE_WINDOW}}
<details{{#WINDOW_OPEN}} open{{/WINDOW_OPEN}}>
<summary>{{_ Change the dates _}}</summary>
{{#WINDOW_ERROR}}<div class="error-summary" role="alert" aria-labelledby="window-error-title" tabindex="-1">
<h2 id="window-error-title">{{_ There is a problem _}}</h2>
<ul><li><a href="#{{FIELD}}">{{MESSAGE}}</a></li></ul>
</div>{{/WINDOW_ERROR}}
<form method="post" action="/console/budgets/{{ID}}/window">
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field">
<label for="opens_at">{{_ Opens (UK time, GMT or BST; leave empty for no start date) _}}</label>
{{#OPENS_ERROR}}<p class="error-message" id="opens_at-error"><span class="visually-hidden">{{_ Error: _}}</span> {{MESSAGE}}</p>{{/OPENS_ERROR}}
<input id="opens_at" name="opens_at" type="datetime-local" value="{{OPENS_VALUE}}"{{#OPENS_ERROR}} aria-describedby="opens_at-error" aria-invalid="true"{{/OPENS_ERROR}}>
</div>
<div class="field">
<label for="closes_at">{{_ Closes (UK time, GMT or BST; leave empty for no closing date) _}}</label>
{{#CLOSES_ERROR}}<p class="error-message" id="closes_at-error"><span class="visually-hidden">{{_ Error: _}}</span> {{MESSAGE}}</p>{{/CLOSES_ERROR}}
<input id="closes_at" name="closes_at" type="datetime-local" value="{{CLOSES_VALUE}}"{{#CLOSES_ERROR}} aria-describedby="closes_at-error" aria-invalid="true"{{/CLOSES_ERROR}}>
</div>
<button class="button" name="action" value="save">{{_ Save the dates _}}</button>
<button class="button secondary" name="action" value="reset">{{_ Use the budget file's dates _}}</button>
</form>
</details>
{{/CAN_CHANGE_WINDOW}}
{{#THRESHOLD}}
<h2>{{_ When results are public _}}</h2>
<p><strong>{{THRESHOLD_STATE}}</strong></p>
<p class="hint">{{THRESHOLD_SOURCE}}</p>
{{#CAN_CHANGE_THRESHOLD}}
<details>
<summary>{{_ Change the number _}}</summary>
<form method="post" action="/console/budgets/{{ID}}/threshold">
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field">
<label for="threshold">{{_ Responses needed before the public results show any figure _}}</label>
<input id="threshold" name="threshold" type="number" inputmode="numeric" min="{{THRESHOLD_MIN}}" max="{{THRESHOLD_MAX}}" step="1" value="{{THRESHOLD_VALUE}}" required>
</div>
<button class="button">{{_ Save the number _}}</button>
</form>
</details>
{{/CAN_CHANGE_THRESHOLD}}
{{/THRESHOLD}}
{{#EMPTY}}<p>{{_ No responses yet. The figures appear here as residents send their budgets. _}}</p>{{/EMPTY}}
{{>FIGURES}}
{{#HAS_QUESTIONS}}
<h2 id="breakdown">{{_ Results by group _}}</h2>
<p>{{_ Residents could say who they are, if they chose to. A group with fewer than 10 responses shows no figures, so that nobody can be picked out. _}}</p>
<form method="get" action="/console/budgets/{{ID}}#breakdown" class="filters">
<div class="field">
<label for="by">{{_ Break the results down by _}}</label>
<select id="by" name="by">
{{#QUESTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{TEXT}}</option>{{/QUESTION}}
</select>
</div>
<button class="button secondary">{{_ Show _}}</button>
</form>
{{>BREAKDOWN}}
{{/HAS_QUESTIONS}}
{{#ACROSS}}
<h2 id="across">{{_ Across versions _}}</h2>
<p>{{_ Responses to earlier versions are added in only for a lever that means the same in each: a service with the same net spend, range and step; an option with the same amounts; council tax with the same tax base, Band D and lever. Any other lever counts this version alone. _}}</p>
<div class="table-scroll" role="region" aria-labelledby="across-services" tabindex="0">
<table>
<caption id="across-services">{{_ Services and council tax across versions _}}</caption>
<thead><tr><th scope="col">{{_ Service _}}</th><th scope="col">{{_ Versions counted _}}</th><th scope="col" class="number">{{_ Responses _}}</th><th scope="col" class="number">{{_ Lower quartile _}}</th><th scope="col" class="number">{{_ Median _}}</th><th scope="col" class="number">{{_ Upper quartile _}}</th></tr></thead>
<tbody>
{{#ACROSS_LEVER}}<tr><th scope="row">{{NAME}}</th><td>{{VERSIONS}}</td><td class="number">{{COUNT}}</td><td class="number">{{LOWER}}</td><td class="number">{{MEDIAN}}</td><td class="number">{{UPPER}}</td></tr>{{/ACROSS_LEVER}}
</tbody>
</table>
</div>
<div class="table-scroll" role="region" aria-labelledby="across-options" tabindex="0">
<table>
<caption id="across-options">{{_ Savings and income across versions _}}</caption>
<thead><tr><th scope="col">{{_ Option _}}</th><th scope="col">{{_ Versions counted _}}</th><th scope="col" class="number">{{_ Taken by _}}</th></tr></thead>
<tbody>
{{#ACROSS_OPTION}}<tr><th scope="row">{{NAME}}</th><td>{{VERSIONS}}</td><td class="number">{{TAKEN}}</td></tr>{{/ACROSS_OPTION}}
</tbody>
</table>
</div>
{{/ACROSS}}
