{{%AUTOESCAPE context="HTML"}}
{{#CAN_START}}
<details{{#START_ERROR}} open{{/START_ERROR}}>
<summary>{{_ Start a consultation _}}</summary>
{{#START_ERROR}}<div class="error-summary" role="alert" aria-labelledby="start-error-title" tabindex="-1">
<h2 id="start-error-title">{{_ There is a problem _}}</h2>
<ul><li><a href="#{{FIELD}}">{{MESSAGE}}</a></li></ul>
</div>{{/START_ERROR}}
<form method="post" action="/console/consultations/new" enctype="multipart/form-data">
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field">
<label for="start-id">{{_ Its id _}}</label>
<p class="hint" id="start-id-hint">{{_ Small letters, digits and hyphens, such as eastbrook-2027. It is part of every address and cannot change. _}}</p>
{{#ID_ERROR}}<p class="error-message" id="start-id-error"><span class="visually-hidden">{{_ Error: _}}</span> {{MESSAGE}}</p>{{/ID_ERROR}}
<input id="start-id" name="id" type="text" value="{{START_ID}}" autocomplete="off" spellcheck="false" aria-describedby="start-id-hint{{#ID_ERROR}} start-id-error{{/ID_ERROR}}"{{#ID_ERROR}} aria-invalid="true"{{/ID_ERROR}}>
</div>
<fieldset class="field">
<legend>{{_ Start from _}}</legend>
<div class="choice"><input id="start-template" name="start" type="radio" value="template"{{#TEMPLATE_CHECKED}} checked{{/TEMPLATE_CHECKED}}><label for="start-template">{{_ A starting budget for a kind of council, to replace with your own figures _}}</label></div>
<div class="choice"><input id="start-workbook" name="start" type="radio" value="workbook"{{#FILE_CHECKED}} checked{{/FILE_CHECKED}}><label for="start-workbook">{{_ A workbook (.xlsx) or budget file (.json) of your own, such as last year's; it takes the new id _}}</label></div>
</fieldset>
<div class="field">
<label for="start-kind">{{_ Kind of council (for a starting budget) _}}</label>
{{#KIND_ERROR}}<p class="error-message" id="start-kind-error"><span class="visually-hidden">{{_ Error: _}}</span> {{MESSAGE}}</p>{{/KIND_ERROR}}
<select id="start-kind" name="kind"{{#KIND_ERROR}} aria-describedby="start-kind-error" aria-invalid="true"{{/KIND_ERROR}}>
{{#KIND_OPTION}}<option value="{{KIND}}"{{#SELECTED}} selected{{/SELECTED}}>{{KIND_NAME}}</option>{{/KIND_OPTION}}
</select>
</div>
<div class="field">
<label for="start-file">{{_ The file (for a workbook or budget file of your own) _}}</label>
{{#FILE_ERROR}}<p class="error-message" id="start-file-error"><span class="visually-hidden">{{_ Error: _}}</span> {{MESSAGE}}</p>{{/FILE_ERROR}}
<input id="start-file" name="file" type="file" accept=".xlsx,.json,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"{{#FILE_ERROR}} aria-describedby="start-file-error" aria-invalid="true"{{/FILE_ERROR}}>
</div>
<p class="hint">{{_ It becomes a draft, checked at once. Nothing reaches residents until you preview it and publish it as version 1. _}}</p>
<button class="button">{{_ Start the consultation _}}</button>
</form>
</details>
{{/CAN_START}}
