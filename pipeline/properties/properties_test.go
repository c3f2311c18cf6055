package properties

import (
	"fmt"
	"strings"
	"testing"
)

// summary renders a block compactly: attributes as name=value and problems
// as rule@start-end, so table cases read like the input.
func summary(src string, b *Block) string {
	if b == nil {
		return "<nil>"
	}
	var parts []string
	for _, a := range b.Attrs {
		if src[a.NameStart:a.NameEnd] != a.Name {
			parts = append(parts, "BADNAMESPAN")
		}
		if a.HasValue && a.Quote != 0 && src[a.ValueStart:a.ValueEnd] != a.Value {
			parts = append(parts, "BADVALUESPAN")
		}
		parts = append(parts, fmt.Sprintf("%s=%q", a.Name, a.Value))
	}
	for _, p := range b.Problems {
		parts = append(parts, fmt.Sprintf("%s@%d", p.Rule, p.Start))
	}
	parts = append(parts, fmt.Sprintf("closed=%v end=%d", b.Closed, b.End))
	return strings.Join(parts, " ")
}

func TestParse(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"simple", "<properties a=\"1\" b='2' />\n# T",
			`a="1" b="2" closed=true end=26`},
		{"spaces around equals", "<properties\n\tpageTitle = \"x=y>z/w\"\n/>",
			`pageTitle="x=y>z/w" closed=true end=37`},
		{"comment first", "<!-- c -->\n<properties a=\"1\"/>",
			`a="1" closed=true end=30`},
		{"text first", "hello\n<properties a=\"1\"/>",
			`a="1" properties-not-first@0 closed=true end=25`},
		{"multiline value", "<properties a=\"one\n two\" b=\"3\"/>",
			`a="one\n two" b="3" meta-value-multiline@15 closed=true end=32`},
		{"missing closing quote", "<properties\n a=\"one\n b=\"two\"\n/>",
			`a="one" b="two" properties-malformed@15 closed=true end=31`},
		{"missing closing quote before terminator", "<properties\n a=\"one\n/>\n# x \"y\"",
			`a="one" properties-malformed@15 closed=true end=22`},
		{"doubled quotes", "<properties a=\"\"x\"\" b=\"2\"/>",
			`a="" b="2" properties-malformed@16 closed=true end=27`},
		{"unquoted", "<properties a=1 b=\"2\"/>",
			`a="1" b="2" properties-malformed@14 closed=true end=23`},
		{"no value", "<properties a b=\"2\"/>",
			`a="" b="2" properties-malformed@12 closed=true end=21`},
		{"unclosed", "<properties\n a=\"1\"\n# Heading\ntext",
			`a="1" properties-unclosed@0 closed=false end=19`},
		{"gt terminator", "<properties a=\"1\">\n# H",
			`a="1" properties-unclosed@0 closed=false end=18`},
		{"zero width space", "<properties\n\u200barticleId=\"x\"/>",
			`articleId="x" properties-malformed@12 closed=true end=30`},
		{"comment inside", "<properties a=\"1\" <!-- note --> b=\"2\"/>",
			`a="1" b="2" closed=true end=39`},
		{"slash space gt", "<properties a=\"1\" / >",
			`a="1" closed=true end=21`},
		{"case insensitive tag", "<Properties a=\"1\"/>",
			`a="1" closed=true end=19`},
		{"none", "# no block\n<propertiesX/>", `<nil>`},
		{"eof in name", "<properties a", `a="" properties-malformed@12 properties-unclosed@0 closed=false end=13`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := summary(tt.src, Parse([]byte(tt.src)))
			if got != tt.want {
				t.Errorf("Parse(%q)\n got %s\nwant %s", tt.src, got, tt.want)
			}
		})
	}
}
