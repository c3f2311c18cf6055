package render

import (
	"bytes"
	"regexp"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// linkifyExt links bare URLs and www. names as goldmark's Linkify does,
// and never a bare e-mail address, as DocFX (markdig's AutoLinks) does:
// "live.com#user@x.com" stays text.
//
// Linkify's parser is tried at every space and at every '*', '_', '~' and
// '(' of the text, and where no URL starts there it goes on to look for an
// e-mail address, here with a regular expression that matches nothing: a
// tenth of a page's parse went into running it. urlsOnly skips the parser
// wherever no URL can start, which is where the e-mail search ran.
type linkifyExt struct{}

func (linkifyExt) Extend(m goldmark.Markdown) {
	p := extension.NewLinkifyParser(extension.WithLinkifyEmailRegexp(neverMatch))
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(urlsOnly{p}, 999)))
}

// neverMatch is a regular expression that matches nothing.
var neverMatch = regexp.MustCompile(`^[^\x00-\x{10FFFF}]`) // anchored: fails at once, never scans the line

// urlsOnly calls Linkify's parser only where one of the prefixes it links
// (http:, https:, ftp:, www.) follows the trigger, as it would itself.
type urlsOnly struct{ parser.InlineParser }

func (u urlsOnly) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	if len(line) > 0 {
		switch line[0] {
		case ' ', '*', '_', '~', '(': // a trigger, not a line head: Linkify steps over it
			line = line[1:]
		}
	}
	if !bytes.HasPrefix(line, []byte("http:")) && !bytes.HasPrefix(line, []byte("https:")) &&
		!bytes.HasPrefix(line, []byte("ftp:")) && !bytes.HasPrefix(line, []byte("www.")) {
		return nil
	}
	return u.InlineParser.Parse(parent, block, pc)
}
