{{%AUTOESCAPE context="HTML"}}<!DOCTYPE html>
<html lang="{{LANG}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{_ No such annual report _}}</title>
<link rel="stylesheet" href="/report/report.css">
</head>
<body>
<main id="main" class="wrap">
<h1>{{_ No such annual report _}}</h1>
<p>{{_ We hold no council profile with that name. Check the link, or start from the council's consultations page. _}}</p>
<p><a href="/consultations.html">{{_ Consultations _}}</a></p>
</main>
</body>
</html>
