{{%AUTOESCAPE context="HTML"}}<!DOCTYPE html>
<html lang="{{LANG}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{COUNCIL}}: {{_ annual report _}}</title>
<link rel="stylesheet" href="/report/report.css">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
</head>
<body>
<a class="skip" href="#main">{{_ Skip to main content _}}</a>
<header class="top">
<div class="wrap top-row">
<span class="brand">{{COUNCIL}}</span>
<a class="language" href="/report/{{ID}}?lang={{OTHER_LANG}}" lang="{{OTHER_LANG}}" hreflang="{{OTHER_LANG}}">{{OTHER_LANG_NAME}}</a>
</div>
</header>
<main id="main" class="wrap" tabindex="-1">
<h1>{{COUNCIL}}: {{_ annual report _}}</h1>
{{#PREVIEW}}<p class="notice" role="status"><strong>{{_ Preview of draft _}} {{DRAFT}}.</strong> {{_ This is how the report would look if the draft were published; residents do not see it. _}}</p>{{/PREVIEW}}
{{#ILLUSTRATIVE}}<p class="notice"><strong>{{_ Illustrative figures. _}}</strong> {{_ These figures were made up for an example; they are not a real council's. _}}</p>{{/ILLUSTRATIVE}}
<p>{{_ Figures as of _}} {{AS_OF}}. {{_ Warning signs judged on _}} {{JUDGED_ON}}.{{#HAS_POPULATION}} {{_ Residents _}}: {{POPULATION}}.{{/HAS_POPULATION}}</p>
<nav aria-label="{{_ On this page _}}" class="contents">
<h2 class="contents-title">{{_ On this page _}}</h2>
<ol>
<li><a href="#glance">{{_ The council at a glance _}}</a></li>
<li><a href="#signs">{{_ Warning signs _}}</a></li>
{{#INDICATORS}}<li><a href="#indicators">{{_ Indicators _}}</a></li>{{/INDICATORS}}
{{#RATINGS}}<li><a href="#ratings">{{_ How residents rate the council _}}</a></li>{{/RATINGS}}
{{#YOU_SAID}}<li><a href="#you-said">{{_ You said, we did _}}</a></li>{{/YOU_SAID}}
<li><a href="#sources">{{_ Sources and dates _}}</a></li>
</ol>
</nav>

<section aria-labelledby="glance">
<h2 id="glance">{{_ The council at a glance _}}</h2>
{{#NO_FINANCE}}<p>{{_ We hold no figures for the council's finances yet. _}}</p>{{/NO_FINANCE}}
{{#FINANCE}}
<div class="table-scroll" tabindex="0" role="region" aria-labelledby="glance-caption">
<table class="glance">
<caption id="glance-caption">{{_ The council's money, year by year _}}</caption>
<thead><tr><th scope="col">{{_ Figure _}}</th>{{#YEAR}}<th scope="col">{{YEAR}}{{#FORECAST}} <span class="small">({{_ budget or forecast _}})</span>{{/FORECAST}}</th>{{/YEAR}}<th scope="col">{{_ Change _}}</th></tr></thead>
<tbody>
{{#ROW}}<tr><th scope="row">{{LABEL}}</th>{{#CELL}}<td{{#UNKNOWN}} class="unknown"{{/UNKNOWN}}>{{TEXT}}</td>{{/CELL}}<td>{{CHANGE}}</td></tr>
{{/ROW}}
</tbody>
</table>
</div>
{{/FINANCE}}
</section>

<section aria-labelledby="signs">
<h2 id="signs">{{_ Warning signs _}}</h2>
{{#NO_SIGNS}}<p class="all-clear">{{_ No warning signs in the figures we hold. _}}</p>{{/NO_SIGNS}}
<ul class="signs">
{{#SIGN}}<li class="sign {{LEVEL}}" id="sign-{{ID}}">
<h3><span class="level">{{LEVEL_WORD}}</span> {{TITLE}}</h3>
<p>{{WORDS}}</p>
<details><summary>{{_ The figures this uses _}}</summary>
<ul class="used">
{{#FIGURE}}<li>{{NAME}}, {{YEAR}}: {{VALUE}} <span class="small">({{SOURCE}})</span></li>{{/FIGURE}}
{{#EVENT}}<li>{{DATE}} {{DETAIL}} <span class="small">({{SOURCE}})</span></li>{{/EVENT}}
</ul>
</details>
</li>
{{/SIGN}}
</ul>
{{#HAS_UNKNOWN}}
<h3>{{_ What we could not judge _}}</h3>
<p>{{_ A figure we do not hold is never counted as zero. These signs need figures the council has not given us: _}}</p>
<ul class="unknown-signs">
{{#UNKNOWN_SIGN}}<li>{{TITLE}}: {{_ needs _}} {{NEEDS}}</li>{{/UNKNOWN_SIGN}}
</ul>
{{/HAS_UNKNOWN}}
<h3>{{_ Why there is no overall score _}}</h3>
<p>{{_ Each sign is one figure against a line, with its source. We give no score, rank or league table: councils differ in kind and size, and a single number would hide which figure matters. The lines, and why we drew them there, are in our accountability notes. _}}</p>
</section>

{{#INDICATORS}}
<section aria-labelledby="indicators">
<h2 id="indicators">{{_ Indicators _}}</h2>
<p>{{_ How the council's services are doing, every year we hold, from its budget for _}} {{BUDGET_YEAR}}.</p>
{{#INDICATOR}}
<figure class="indicator">
<figcaption><h3 id="indicator-{{N}}">{{NAME}}</h3><p>{{DESCRIPTION}}</p><p>{{_ Latest _}}: <span class="rag {{RAG}}">{{RAG_WORD}}</span>. {{_ Target _}} ({{_ the dashed line _}}): {{TARGET}}.</p></figcaption>
<svg class="trend" viewBox="0 0 {{W}} {{H}}" role="img" aria-labelledby="indicator-{{N}}" focusable="false">
{{#TICK}}<line class="grid" x1="{{LEFT}}" x2="{{RIGHT}}" y1="{{Y}}" y2="{{Y}}"></line><text class="tick" x="{{LABEL_X}}" y="{{TEXT_Y}}" text-anchor="end">{{LABEL}}</text>
{{/TICK}}<line class="axis" x1="{{LEFT}}" x2="{{LEFT}}" y1="{{TOP}}" y2="{{BOTTOM}}"></line><line class="axis" x1="{{LEFT}}" x2="{{RIGHT}}" y1="{{BOTTOM}}" y2="{{BOTTOM}}"></line>
{{#TARGET_LINE}}<line class="target" x1="{{LEFT}}" x2="{{RIGHT}}" y1="{{Y}}" y2="{{Y}}"></line><text class="tick" x="{{RIGHT}}" y="{{TEXT_Y}}" text-anchor="end">{{_ Target _}}</text>{{/TARGET_LINE}}
<path class="line" d="{{PATH}}"></path>
{{#POINT}}<circle class="point {{RAG}}" cx="{{X}}" cy="{{Y}}" r="6"></circle><text class="year" x="{{X}}" y="{{YEAR_Y}}" text-anchor="middle">{{YEAR_LABEL}}</text>
{{/POINT}}</svg>
<table class="values">
<caption class="visually-hidden">{{NAME}}</caption>
<thead><tr><th scope="col">{{_ Year _}}</th><th scope="col">{{_ Value _}}</th></tr></thead>
<tbody>{{#POINT}}<tr><th scope="row">{{YEAR}}</th><td>{{VALUE}}</td></tr>{{/POINT}}</tbody>
</table>
{{#NEIGHBOURS}}<div class="neighbours">
<p id="neighbours-{{N}}"><strong>{{_ Beside similar councils _}}</strong> ({{GROUP}}){{#WORDS}}: {{TEXT}}{{/WORDS}}. {{_ This council _}}: {{VALUE}} ({{OWN_YEAR}}); {{_ their median _}}: {{MEDIAN}} ({{YEAR}}).</p>
<svg class="barcode" viewBox="0 0 640 64" role="img" aria-labelledby="neighbours-{{N}}" focusable="false">
<line class="strip" x1="20" x2="620" y1="32" y2="32"></line>
{{#TICK}}<line class="neighbour" x1="{{X}}" x2="{{X}}" y1="18" y2="46"></line>{{/TICK}}
<line class="median" x1="{{MEDIAN_X}}" x2="{{MEDIAN_X}}" y1="6" y2="58"></line>
<line class="own" x1="{{OWN_X}}" x2="{{OWN_X}}" y1="2" y2="62"></line>
</svg>
<p>{{_ Grey lines: the similar councils, from _}} {{LOW}} {{_ to _}} {{HIGH}}; {{_ dashed: their median; thick blue: this council. _}}</p>
<details><summary>{{_ The similar councils' figures _}}</summary>
<table class="neighbour-figures">
<caption class="visually-hidden">{{NAME}}: {{_ The similar councils' figures _}}</caption>
<thead><tr><th scope="col">{{_ Council _}}</th><th scope="col">{{YEAR}}</th></tr></thead>
<tbody>{{#COUNCIL}}<tr><th scope="row">{{COUNCIL_NAME}}</th><td>{{FIGURE}}</td></tr>{{/COUNCIL}}{{#NATIONAL}}<tr><th scope="row">{{_ National median _}}</th><td>{{FIGURE}}</td></tr>{{/NATIONAL}}</tbody>
</table>
</details>
</div>{{/NEIGHBOURS}}
</figure>
{{/INDICATOR}}
</section>
{{/INDICATORS}}

{{#RATINGS}}
<section aria-labelledby="ratings">
<h2 id="ratings">{{_ How residents rate the council _}}</h2>
<p>{{_ Residents rate services when they answer the budget consultation (the optional step How are we doing?). A share is the residents who chose one of the top two answers, out of those who did not say they don't know; it is shown with the range it is 95% likely to lie in, and only once 10 residents have rated. Beside it is the council's own rating. _}} <span class="small">({{BUDGET_NAME}}; {{_ residents who rated anything _}}: {{RESIDENTS}})</span></p>
{{#GROUP}}<div class="rated-group">
<h3>{{NAME}}</h3>
<p><span class="label">{{_ Residents _}}:</span> {{#SHARE}}<strong>{{PERCENT}}</strong> {{_ satisfied _}} <span class="small">({{_ 95% range _}} {{LOW}} {{_ to _}} {{HIGH}}; {{_ residents who rated it _}}: {{RATED}})</span>{{/SHARE}}{{#SUPPRESSED}}{{_ fewer than 10 residents have rated this, so no share is shown yet. _}}{{/SUPPRESSED}}</p>
<p><span class="label">{{_ The council's own rating _}}:</span> {{#SELF}}<strong>{{RATING}}</strong>. {{SUMMARY}} <span class="small">({{_ assessed on _}} {{ON}})</span>{{/SELF}}{{#NO_SELF}}{{_ none given. _}}{{/NO_SELF}}</p>
</div>
{{/GROUP}}
<h3>{{_ The council as a whole _}}</h3>
<table class="ratings">
<caption class="visually-hidden">{{_ Residents' answers to the questions about the council as a whole _}}</caption>
<thead><tr><th scope="col">{{_ Question _}}</th><th scope="col">{{_ Residents _}}</th></tr></thead>
<tbody>{{#QUESTION}}<tr><th scope="row">{{TEXT}}</th>
<td>{{#SHARE}}<strong>{{PERCENT}}</strong> {{POSITIVE}} <span class="small">({{_ 95% range _}} {{LOW}} {{_ to _}} {{HIGH}}; {{_ residents who answered _}}: {{RATED}})</span>{{/SHARE}}{{#SUPPRESSED}}{{_ fewer than 10 residents have answered, so no share is shown yet. _}}{{/SUPPRESSED}}</td></tr>
{{/QUESTION}}</tbody>
</table>
</section>
{{/RATINGS}}

{{#YOU_SAID}}
<section aria-labelledby="you-said">
<h2 id="you-said">{{_ You said, we did _}}</h2>
<p>{{CONSULTATION}}. {{_ Decided on _}} {{DECIDED_ON}} <span class="small">({{DECISION_SOURCE}})</span>.</p>
<h3>{{_ You said _}}</h3>
<ul>{{#SAID}}<li>{{TEXT}}</li>{{/SAID}}</ul>
<h3>{{_ We did _}}</h3>
<ul>{{#DID}}<li>{{TEXT}}</li>{{/DID}}</ul>
</section>
{{/YOU_SAID}}

<section aria-labelledby="sources">
<h2 id="sources">{{_ Sources and dates _}}</h2>
<p>{{_ Figures as of _}} {{AS_OF}}.</p>
<ul class="sources">
{{#SOURCE}}<li>{{WHAT}}: {{#LINK}}<a href="{{URL}}">{{TEXT}}</a>{{/LINK}}{{#DOCUMENT}}{{TEXT}}{{/DOCUMENT}}{{#NOTE}}<p class="source-note"{{#IN_ENGLISH}} lang="en"{{/IN_ENGLISH}}>{{TEXT}}</p>{{/NOTE}}</li>
{{/SOURCE}}
</ul>
</section>
</main>
</body>
</html>
