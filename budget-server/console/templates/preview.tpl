{{%AUTOESCAPE context="HTML"}}
<p class="breadcrumb"><a href="/console/budgets/{{ID}}/budget">{{_ The budget _}}</a> › <a href="/console/budgets/{{ID}}/drafts/{{NUMBER}}">{{_ Draft _}} {{NUMBER}}</a></p>
<h1>{{_ Preview of draft _}} {{NUMBER}}</h1>
<p>{{_ The resident app with this draft, as on _}} {{SIZE_NAME}}, {{_ in _}} {{LANG_NAME}}. {{_ Only signed-in officers can see it; nothing sent from it reaches the council. _}}</p>
<ul class="preview-sizes">
<li><a href="?size=phone&amp;lang={{LANG}}"{{#PHONE}} aria-current="page"{{/PHONE}}>{{_ Phone _}}</a></li>
<li><a href="?size=desktop&amp;lang={{LANG}}"{{#DESKTOP}} aria-current="page"{{/DESKTOP}}>{{_ Desktop _}}</a></li>
</ul>
<div class="preview-frame-wrap" role="region" aria-label="{{_ Preview of the resident app _}}" tabindex="0">
<iframe class="{{FRAME_CLASS}}" src="/console/budgets/{{ID}}/drafts/{{NUMBER}}/app/index.html?lang={{LANG}}" title="{{_ Preview of the resident app _}}"></iframe>
</div>
