package markdown

import (
	"strings"
	"testing"
)

// Heading ids as DocFX (markdig, AutoIdentifierOptions.GitHub) writes them.
// Vectors from markdig's and DocFX's sources and tests, gathered for this
// project.
func TestHeadingIDs(t *testing.T) {
	tests := []struct {
		md   string
		want []string // the ids of the document's headings, in order
	}{
		{"# Hello World", []string{"hello-world"}},
		{"# This - is a &@! heading _ with . and ! -", []string{"this---is-a--heading-_-with--and---"}},
		{"# What's new?", []string{"whats-new"}},
		{"# What\u2019s new in .NET 8?", []string{"whats-new-in-net-8"}},
		{"# Step 1: Create a resource group", []string{"step-1-create-a-resource-group"}},
		{"# Node.js and npm", []string{"nodejs-and-npm"}},
		{"# Q&A", []string{"qa"}},
		{"# Q&amp;A", []string{"qa"}},
		{"# A/B testing", []string{"ab-testing"}},
		{"# (Optional) Clean up resources", []string{"optional-clean-up-resources"}},
		{"# C# and C++", []string{"c-and-c"}},
		{"# Use `az login`", []string{"use-az-login"}},
		{"# **Bold** and *italic*", []string{"bold-and-italic"}},
		{"# [Azure portal](https://portal.azure.com) overview", []string{"azure-portal-overview"}},
		{"# ![logo](logo.png) Contoso", []string{"logo-contoso"}},
		{"# <https://example.com>", []string{"httpsexamplecom"}},
		{"# <span>New</span> feature", []string{"new-feature"}},
		{"# Café résumé", []string{"café-résumé"}},
		{"# Über uns", []string{"über-uns"}},
		{"# e\u0301t\u00e9", []string{"eté"}},
		{"# 快速入门：创建应用", []string{"快速入门创建应用"}},
		{"# 日本語 テキスト", []string{"日本語-テキスト"}},
		{"# ПРИВЕТ мир", []string{"привет-мир"}},
		{"# नमस्ते", []string{"नमसत"}},
		{"# Ｆｕｌｌ", []string{"ｆｕｌｌ"}},
		{"# 2.0 Release notes", []string{"20-release-notes"}},
		{"# Version 1.0.0 (preview)", []string{"version-100-preview"}},
		{"# Ⅻ and ½ and ²", []string{"-and--and-"}},
		{"# 🚀 Launch", []string{"-launch"}},
		{"# 𝐀𝐁 math", []string{"-math"}},
		{"# !!!", []string{"section"}},
		{"# Hello&nbsp;World", []string{"helloworld"}},
		{"# Hello  World", []string{"hello--world"}},
		{"# --force option", []string{"--force-option"}},
		{"# snake_case_name\n# foo\\_bar", []string{"snake_case_name", "foo_bar"}},
		{"# FAQ - Frequently asked questions", []string{"faq---frequently-asked-questions"}},
		{"# Don't use ~~old~~ API", []string{"dont-use-old-api"}},
		{"Foo\nbar\n===", []string{"foobar"}},
		{"# Hello World #", []string{"hello-world"}},
		{"## <a name=\"custom\"></a>Custom heading\n## Custom heading", []string{"custom", "custom-heading-1"}},
		{"# Overview\n# Overview\n# Overview", []string{"overview", "overview-1", "overview-2"}},
		{"# X\n# X\n# X 1", []string{"x", "x-1", "x-1-1"}},
		{"# X 1\n# X\n# X", []string{"x-1", "x", "x-2"}},
		{"# !!!\n# ???", []string{"section", "section-1"}},
		{"# [Windows](#tab/windows)\n\ntext\n\n---\n\n## Windows", []string{"", "windows-1"}},
		{"> ## Quoted\n\n- ## In list", []string{"quoted", "in-list"}},
	}
	for _, tt := range tests {
		d := Parse([]byte(tt.md))
		ids := NewIDs()
		var got []string
		for _, h := range d.Headings() {
			got = append(got, h.ID(ids, d.Src))
		}
		if strings.Join(got, " | ") != strings.Join(tt.want, " | ") {
			t.Errorf("ids of %q = %q; want %q", tt.md, got, tt.want)
		}
	}
}
