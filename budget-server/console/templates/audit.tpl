{{%AUTOESCAPE context="HTML"}}
<h1>{{_ Audit log _}}</h1>
<p>{{_ Every officer action on this server, newest first. _}} <a href="/console/audit.csv" download>{{_ Download the audit log (CSV) _}}</a></p>
<div class="table-scroll" role="region" aria-labelledby="audit-table" tabindex="0">
<table>
<caption id="audit-table" class="visually-hidden">{{_ Audit log _}}</caption>
<thead><tr><th scope="col">{{_ When (UTC) _}}</th><th scope="col">{{_ Officer _}}</th><th scope="col">{{_ Action _}}</th><th scope="col">{{_ Object _}}</th><th scope="col">{{_ Detail _}}</th></tr></thead>
<tbody>
{{#ENTRY}}<tr><td>{{AT}}</td><td>{{OFFICER}}</td><td>{{ACTION}}</td><td>{{OBJECT}}</td><td>{{DETAIL}}</td></tr>{{/ENTRY}}
</tbody>
</table>
</div>
<nav class="pages" aria-label="{{_ Pages _}}">{{#OLDER}}<a href="/console/audit?before={{BEFORE}}" rel="next">{{_ Older entries _}}</a>{{/OLDER}}</nav>
