{{%AUTOESCAPE context="HTML"}}
<p class="breadcrumb"><a href="/console/">{{_ Consultations _}}</a> › <a href="/console/budgets/{{ID}}">{{COUNCIL}}</a></p>
<h1>{{_ Likely duplicate responses _}}</h1>
<p>{{_ A response is flagged when the same device or network sent the same choices and comments within this many minutes of an earlier one: _}} {{MINUTES}}. {{_ The sender is recognised by a keyed hash of their address, kept only until the personal data is purged; the address itself is never stored. _}}</p>
<p>{{_ Flags are for you to judge: a household may share a connection and agree. Nothing is deleted automatically; flagged responses still count, and the exports carry the flag. _}}</p>
<p id="duplicate-count" role="status">{{COUNT_TEXT}}</p>
{{#NONE}}<p>{{_ No response is flagged. _}}</p>{{/NONE}}
{{#SOME}}
<table class="stacked">
<caption id="duplicates-table">{{_ Flagged responses, oldest first _}}</caption>
<thead><tr><th scope="col">{{_ Reference _}}</th><th scope="col">{{_ Received _}}</th><th scope="col">{{_ Same as the earlier response _}}</th><th scope="col">{{_ Time after it _}}</th>{{#CAN_ERASE}}<th scope="col"><span class="visually-hidden">{{_ Action _}}</span></th>{{/CAN_ERASE}}</tr></thead>
<tbody>
{{#FLAG}}<tr><td data-label="{{_ Reference _}}"><code>{{REFERENCE}}</code></td><td data-label="{{_ Received _}}">{{RECEIVED}}</td><td data-label="{{_ Same as the earlier response _}}"><code>{{EARLIER}}</code></td><td data-label="{{_ Time after it _}}">{{APART}}</td>{{#CAN_ERASE}}<td><a href="{{ERASE_HREF}}">{{_ Erase this one _}}<span class="visually-hidden"> ({{REFERENCE}})</span></a></td>{{/CAN_ERASE}}</tr>{{/FLAG}}
</tbody>
</table>
{{/SOME}}
