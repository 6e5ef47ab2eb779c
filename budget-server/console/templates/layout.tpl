{{%AUTOESCAPE context="HTML"}}<!DOCTYPE html>
<html lang="{{LANG}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{{TITLE}} – {{_ Budget simulator console _}}</title>
<link rel="stylesheet" href="/console/console.css">
{{#BRAND_CSS}}<link rel="stylesheet" href="{{HREF}}">{{/BRAND_CSS}}
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
</head>
<body>
<a class="skip" href="#main">{{_ Skip to main content _}}</a>
<header class="top">
<div class="wrap top-row">
<a class="brand" href="/console/">{{_ Budget simulator console _}}</a>
<a class="language" href="/console/language?to={{OTHER_LANG}}&amp;back={{HERE}}" lang="{{OTHER_LANG}}" hreflang="{{OTHER_LANG}}">{{OTHER_LANG_NAME}}</a>
</div>
{{#SIGNED_IN}}
<div class="wrap top-row">
<nav aria-label="{{_ Console _}}">
<ul>
<li><a href="/console/">{{_ Consultations _}}</a></li>
{{#ADMIN}}<li><a href="/console/officers">{{_ Officers _}}</a></li><li><a href="/console/tokens">{{_ API tokens _}}</a></li><li><a href="/console/audit">{{_ Audit log _}}</a></li>{{/ADMIN}}
</ul>
</nav>
<div class="who">
<span>{{_ Signed in as _}} <strong>{{OFFICER}}</strong> ({{ROLE}})</span>
<a href="/console/password">{{_ Your password _}}</a>
<form method="post" action="/console/sign-out"><input type="hidden" name="csrf" value="{{CSRF}}"><button class="button secondary">{{_ Sign out _}}</button></form>
</div>
</div>
{{/SIGNED_IN}}
</header>
{{#COUNCIL_BRAND}}<section class="council-bar" aria-label="{{_ The council _}}"><div class="wrap">{{#LOGO}}<img class="council-logo" src="{{SRC}}" alt="{{COUNCIL_NAME}}">{{/LOGO}}{{#NO_LOGO}}<span class="council-name">{{COUNCIL_NAME}}</span>{{/NO_LOGO}}</div></section>{{/COUNCIL_BRAND}}
<main id="main" class="wrap" tabindex="-1">
{{>BODY}}
</main>
<footer class="wrap site-footer"><p><a href="{{_ /accessibility.html _}}">{{_ Accessibility statement _}}</a></p></footer>
</body>
</html>
