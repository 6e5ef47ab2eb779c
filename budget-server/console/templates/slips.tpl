{{%AUTOESCAPE context="HTML"}}
<div class="no-print">
<p class="breadcrumb"><a href="/console/codes/{{ID}}">{{_ Voter codes _}}</a></p>
<h1>{{COUNT_WORDS}}</h1>
<div class="notice" role="status"><p><strong>{{_ Print this page now. _}}</strong> {{_ These codes are not shown again: the server keeps only a fingerprint of each. Cut the slips apart and give one to each resident. _}}</p></div>
</div>
<ul class="slips">
{{#SLIP}}<li class="slip">
<p class="slip-title">{{TITLE}}</p>
<svg class="qr" viewBox="0 0 {{SIZE}} {{SIZE}}" shape-rendering="crispEdges" role="img" aria-label="{{QR_LABEL}}" focusable="false"><rect width="{{SIZE}}" height="{{SIZE}}" fill="#fff"/><path fill="#000" d="{{PATH}}"/></svg>
<p class="slip-code">{{CODE}}</p>
<p class="slip-how">{{HOW}}</p>
</li>{{/SLIP}}
</ul>
