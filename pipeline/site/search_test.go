package site

import "testing"

func TestPlainText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`<h2 id="x">Cause</h2><p>The <b>link</b> has&nbsp;expired &amp; fails.</p>`, "Cause\nThe link has expired & fails."},
		{`<p>one</p><p>two</p>`, "one\ntwo"},
		{`<ul><li>a</li><li>b <code>c</code></li></ul>`, "a\nb c"},
		{`<p>x<script>alert(1)</script>y</p><style>p{}</style>`, "xy"},
		{`<p>word<wbr>break</p>`, "wordbreak"},
		{`<table><tr><td>a</td><td>b</td></tr></table>`, "a\nb"},
		{"<p>  spaced \n out  </p>", "spaced out"},
	} {
		if got := plainText([]byte(tc.in)); got != tc.want {
			t.Errorf("plainText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
