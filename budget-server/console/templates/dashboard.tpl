{{%AUTOESCAPE context="HTML"}}
<p class="breadcrumb"><a href="/console/">{{_ Consultations _}}</a></p>
<h1>{{COUNCIL}} <span class="hint">{{YEAR}}</span></h1>
<div class="headline">
<p><span class="figure">{{COUNT}}</span> {{_ responses _}}</p>
<p><span class="figure">{{BALANCED_SHARE}}</span> {{_ balanced the budget _}}</p>
<p><span class="figure">{{COMMENTED}}</span> {{_ left comments _}}</p>
</div>
<ul class="actions">
<li><a href="/console/budgets/{{ID}}/comments">{{_ Read and moderate comments _}}</a></li>
<li><a href="/console/budgets/{{ID}}/report">{{_ The results report for cabinet (to print) _}}</a></li>
<li><a href="/console/budgets/{{ID}}/export.xlsx" download>{{_ Download the results workbook (Excel) _}}</a></li>
<li><a href="/console/budgets/{{ID}}/export.csv" download>{{_ Download every response (CSV) _}}</a></li>
<li><a href="/console/budgets/{{ID}}/aggregate.json" download>{{_ Download the summary (JSON) _}}</a></li>
</ul>
{{#EMPTY}}<p>{{_ No responses yet. The figures appear here as residents send their budgets. _}}</p>{{/EMPTY}}
{{>FIGURES}}
