package markdown

import (
	"bytes"
	"regexp"
	"strings"
)

// Masked returns a copy of the source in which code (blocks and spans) and
// HTML comments are blanked out, newlines kept, so that scans for DocFX
// syntax see only markup. It is computed once per document.
func (d *Doc) Masked() []byte {
	d.maskOnce.Do(d.mask)
	return d.masked
}

func (d *Doc) mask() {
	m := bytes.Clone(d.Src)
	blank := func(start, end int) {
		for i := max(start, 0); i < min(end, len(m)); i++ {
			if m[i] != '\n' {
				m[i] = ' '
			}
		}
	}
	for _, r := range d.CodeRanges() {
		blank(r[0], r[1])
	}
	for off := 0; ; {
		i := bytes.Index(m[off:], []byte("<!--"))
		if i < 0 {
			break
		}
		start := off + i
		end := bytes.Index(m[start+4:], []byte("-->"))
		if end < 0 {
			blank(start, len(m))
			break
		}
		blank(start, start+4+end+3)
		off = start + 4 + end + 3
	}
	d.masked = m
}

// Image is a DocFX image: :::image type="content" source="a.png"
// alt-text="..." lightbox="b.png" border="false"::: (type complex ends with
// a long description and :::image-end:::).
type Image struct {
	Start, End int // the whole :::image ...::: tag
	Attrs      []Attr
	Closed     bool // the tag ends with ":::"
	// EndTag is the offset of the :::image-end::: of a complex image, or -1.
	EndTag int
}

// Attr is one attribute of a DocFX tag, with the range of its value.
type Attr struct {
	Name                 string
	Value                string
	ValueStart, ValueEnd int
}

// Get returns the value of the named attribute (any case) and whether it is
// present.
func (im *Image) Get(name string) (Attr, bool) {
	for _, a := range im.Attrs {
		if strings.EqualFold(a.Name, name) {
			return a, true
		}
	}
	return Attr{}, false
}

var (
	imageOpen = regexp.MustCompile(`(?i):::image(\s|:::)`)
	imageEnd  = regexp.MustCompile(`(?i):::image-end:::`)
	attrRE    = regexp.MustCompile(`([A-Za-z][\w-]*)\s*=\s*("([^"]*)"|'([^']*)')`)
)

// TagAttrs reads the name="value" (or 'value') attributes of the inside of
// a DocFX tag such as :::image; value offsets are relative to inner.
func TagAttrs(inner []byte) []Attr {
	var out []Attr
	for _, a := range attrRE.FindAllSubmatchIndex(inner, -1) {
		vs, ve := a[6], a[7]
		if vs < 0 {
			vs, ve = a[8], a[9]
		}
		out = append(out, Attr{Name: string(inner[a[2]:a[3]]), Value: string(inner[vs:ve]), ValueStart: vs, ValueEnd: ve})
	}
	return out
}

// Images returns the DocFX images of d in document order.
func (d *Doc) Images() []Image {
	m := d.Masked()
	if !bytes.Contains(m, []byte(":::")) {
		return nil
	}
	ends := imageEnd.FindAllIndex(m, -1)
	var out []Image
	for _, loc := range imageOpen.FindAllIndex(m, -1) {
		start := loc[0]
		im := Image{Start: start, EndTag: -1}
		body := start + len(":::image")
		close := bytes.Index(m[body:], []byte(":::"))
		inner := d.Src[body:lineEnd(m, start)]
		if close >= 0 && !bytes.HasPrefix(m[body+close:], []byte(":::image")) {
			im.Closed = true
			im.End = body + close + 3
			inner = d.Src[body : body+close]
		} else {
			im.End = body + len(inner) // unclosed: the tag ends with its line
		}
		for _, a := range TagAttrs(inner) {
			a.ValueStart += body
			a.ValueEnd += body
			im.Attrs = append(im.Attrs, a)
		}
		for _, e := range ends {
			if e[0] >= im.End {
				im.EndTag = e[0]
				break
			}
		}
		out = append(out, im)
	}
	return out
}

// Include is a DocFX include: [!INCLUDE [title](path)], inline or alone on
// a line.
type Include struct {
	Start, End         int
	Path               string
	PathStart, PathEnd int
	Title              string
}

var includeRE = regexp.MustCompile(`(?i)\[!include\s*\[([^\]]*)\]\(\s*<?([^)\s>]*)>?\s*(?:"[^"]*")?\s*\)\s*\]`)

// Includes returns the [!INCLUDE] references of d in document order.
func (d *Doc) Includes() []Include {
	m := d.Masked()
	if !bytes.Contains(m, []byte("[!")) {
		return nil
	}
	var out []Include
	for _, loc := range includeRE.FindAllSubmatchIndex(m, -1) {
		out = append(out, Include{
			Start: loc[0], End: loc[1],
			Title: string(d.Src[loc[2]:loc[3]]),
			Path:  string(d.Src[loc[4]:loc[5]]), PathStart: loc[4], PathEnd: loc[5],
		})
	}
	return out
}
