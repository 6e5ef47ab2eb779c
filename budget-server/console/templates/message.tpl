{{%AUTOESCAPE context="HTML"}}
<h1>{{HEADING}}</h1>
<p>{{MESSAGE}}</p>
<p><a href="{{LINK}}">{{LINK_TEXT}}</a></p>
