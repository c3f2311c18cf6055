package rule

// Explanation is what "helpsite explain RULE" and docs/rules.md say about
// a rule beyond its summary.
type Explanation struct {
	Why  string // why it matters
	Fix  string // how to fix a finding
	Bad  string // an example that breaks the rule
	Good string // the same, fixed
	// AutoFix says what "lint --fix" does about the rule's findings; empty
	// when it leaves them to the editor.
	AutoFix string
}

// explanations holds the Explanation of every rule of the catalog, by id.
var explanations = map[string]Explanation{
	// File / encoding
	"file-bom-duplicate": {
		Why:     "A second byte order mark is not invisible to every tool: YAML and Markdown parsers see it as text, so the front matter or the <properties> block may not be found.",
		Fix:     "Save the file as UTF-8 with at most one byte order mark (better none).",
		Bad:     "\\uFEFF\\uFEFF---\ntitle: Reset a password\n---",
		Good:    "---\ntitle: Reset a password\n---",
		AutoFix: "removes all byte order marks but the first",
	},
	"file-encoding": {
		Why:  "Learn and the Azure portal read articles as UTF-8; bytes that are not UTF-8 show as replacement characters, and a file saved in a legacy code page loses every accented letter.",
		Fix:  "Open the file in an editor that can reopen it in its real encoding (often Windows-1252) and save it as UTF-8.",
		Bad:  "Caf\\xE9 (Windows-1252: one byte for é)",
		Good: "Café (UTF-8)",
	},

	// SHC properties block
	"meta-value-multiline": {
		Why:  "A value that runs over several lines is nearly always a missing closing quote: the next attributes become part of the value and are lost.",
		Fix:  "Close the quote at the end of the value; if the value really is long, keep it on one line.",
		Bad:  "<properties\n  pageTitle=\"Reset a password\n  description=\"How to reset it\"\n/>",
		Good: "<properties\n  pageTitle=\"Reset a password\"\n  description=\"How to reset it\"\n/>",
	},
	"properties-duplicate-attr": {
		Why:  "Attribute names are case-insensitive, so articleId and articleid are the same attribute: the portal keeps one value and drops the other without saying which.",
		Fix:  "Keep one of the attributes, with the value you mean.",
		Bad:  "<properties articleId=\"vm-boot\" articleid=\"vm-boot-2\" />",
		Good: "<properties articleId=\"vm-boot\" />",
	},
	"properties-malformed": {
		Why:  "Everything inside <properties ... /> must be attribute=\"value\" pairs; a stray word, an unquoted value or an unterminated quote makes the parser guess, and later attributes may be lost.",
		Fix:  "Write each attribute as name=\"value\" (or name='value') and close every quote.",
		Bad:  "<properties pageTitle=Reset description=\"How to reset it />",
		Good: "<properties pageTitle=\"Reset\" description=\"How to reset it\" />",
	},
	"properties-missing": {
		Why:  "A self-help article without a <properties> block has no metadata: the portal cannot publish it or find it.",
		Fix:  "Start the article with a <properties ... /> block that holds at least the required attributes.",
		Bad:  "# Reset a password\n\nSteps...",
		Good: "<properties pageTitle=\"Reset a password\" description=\"...\" articleId=\"reset-password\"\n  selfHelpType=\"generic\" cloudEnvironments=\"public\" ownershipId=\"Team_Area\" authors=\"alias\" />\n# Reset a password",
	},
	"properties-not-first": {
		Why:  "The portal reads the <properties> block only at the top of the file; anything before it (other than a BOM, white space and HTML comments) hides it.",
		Fix:  "Move the <properties> block to the top of the file.",
		Bad:  "# Reset a password\n<properties pageTitle=\"Reset a password\" ... />",
		Good: "<properties pageTitle=\"Reset a password\" ... />\n# Reset a password",
	},
	"properties-unclosed": {
		Why:  "Without its \"/>\" the block never ends: the whole article is read as attributes.",
		Fix:  "End the block with \"/>\".",
		Bad:  "<properties pageTitle=\"Reset a password\" description=\"...\"\n# Reset a password",
		Good: "<properties pageTitle=\"Reset a password\" description=\"...\" />\n# Reset a password",
	},

	// Metadata
	"frontmatter-duplicate-key": {
		Why:  "YAML keeps only the last of two equal keys, so the first value is silently ignored.",
		Fix:  "Keep one of the keys, with the value you mean.",
		Bad:  "---\nms.date: 01/10/2024\nms.date: 03/02/2025\n---",
		Good: "---\nms.date: 03/02/2025\n---",
	},
	"frontmatter-invalid": {
		Why:  "Front matter that is not valid YAML, or not a mapping, gives the article no metadata at all: title, description and dates are lost.",
		Fix:  "Fix the YAML at the line the finding names: often a colon inside an unquoted value, or a tab used for indentation.",
		Bad:  "---\ntitle: Outlook: cannot connect\n---",
		Good: "---\ntitle: \"Outlook: cannot connect\"\n---",
	},
	"frontmatter-missing": {
		Why:  "A Learn article carries its metadata in YAML front matter; without it the required keys can come only from docfx.json, and the page has no title of its own.",
		Fix:  "Add front matter between --- lines at the top of the file.",
		Bad:  "# Cannot connect to Exchange",
		Good: "---\ntitle: Cannot connect to Exchange\ndescription: Fixes a connection error in Outlook.\nms.date: 03/02/2025\n---\n# Cannot connect to Exchange",
	},
	"meta-appverid-format": {
		Why:  "search.appverid values are product codes of three capital letters and three digits; other values do not match any product in search.",
		Fix:  "Write the code as it is listed, e.g. MET150.",
		Bad:  "search.appverid:\n- met150",
		Good: "search.appverid:\n- MET150",
	},
	"meta-articleid-duplicate": {
		Why:  "The article id identifies a self-help article in the portal; two files with one id overwrite each other.",
		Fix:  "Give each article its own articleId (the file name is a good choice).",
		Bad:  "a.md: articleId=\"vm-boot\"\nb.md: articleId=\"vm-boot\"",
		Good: "a.md: articleId=\"vm-boot\"\nb.md: articleId=\"vm-boot-no-os\"",
	},
	"meta-articleid-format": {
		Why:  "Article ids are used in URLs and lookups; white space and other characters make them fail to match.",
		Fix:  "Use only letters, digits, '.', '_' and '-', without spaces around.",
		Bad:  "articleId=\" vm boot \"",
		Good: "articleId=\"vm-boot\"",
	},
	"meta-cloud-invalid": {
		Why:  "The portal publishes an article to the clouds cloudEnvironments names; an unknown name publishes it nowhere there.",
		Fix:  "Use public, fairfax, mooncake, blackforest, usnat or ussec, comma-separated.",
		Bad:  "cloudEnvironments=\"public,azurechina\"",
		Good: "cloudEnvironments=\"public,mooncake\"",
	},
	"meta-date-format": {
		Why:     "Learn reads ms.date as MM/DD/YYYY with two-digit month and day; other forms sort wrongly and some tools reject them.",
		Fix:     "Write the date zero-padded, month first.",
		Bad:     "ms.date: 8/1/2024",
		Good:    "ms.date: 08/01/2024",
		AutoFix: "zero-pads a M/D/YYYY date written in the article (not one inherited from docfx.json)",
	},
	"meta-date-future": {
		Why:  "ms.date is when the article was last reviewed; a date in the future is a typo, and it hides the article from staleness reports.",
		Fix:  "Write the date of the last review (today at the latest).",
		Bad:  "ms.date: 03/02/2205",
		Good: "ms.date: 03/02/2025",
	},
	"meta-date-invalid": {
		Why:  "A date that is not on the calendar cannot be sorted or compared.",
		Fix:  "Check month and day: MM/DD/YYYY, month first.",
		Bad:  "ms.date: 13/02/2025",
		Good: "ms.date: 02/13/2025",
	},
	"meta-date-stale": {
		Why:  "An article not reviewed for two years is likely out of date: products and screens change.",
		Fix:  "Review the article, update what changed and set ms.date to the day of the review. The threshold is dates.staleAfterDays in helpsite.yaml.",
		Bad:  "ms.date: 01/15/2019",
		Good: "ms.date: 03/02/2025",
	},
	"meta-displayorder-format": {
		Why:  "displayOrder sorts articles in the portal; a value that is not a number is ignored.",
		Fix:  "Write an integer, or leave the value empty.",
		Bad:  "displayOrder=\"first\"",
		Good: "displayOrder=\"1\"",
	},
	"meta-id-duplicate-token": {
		Why:  "A repeated id in supportTopicIds or productPesIds is noise at best and often a copy-paste slip where another id was meant.",
		Fix:  "List each id once; check whether another id was meant.",
		Bad:  "supportTopicIds=\"32598285,32598285\"",
		Good: "supportTopicIds=\"32598285\"",
	},
	"meta-id-format": {
		Why:  "Support topic and product ids are numbers or GUIDs; anything else matches no topic, so the article is never offered.",
		Fix:  "Copy the ids from the support topic catalog: comma-separated numbers or GUIDs.",
		Bad:  "productPesIds=\"vm;15571\"",
		Good: "productPesIds=\"15571\"",
	},
	"meta-key-case": {
		Why:     "Learn front-matter keys are case-sensitive: a key in the wrong case is not the key, so its value is lost. Self-help keys are not, but one spelling keeps the files searchable.",
		Fix:     "Write the key as the schema does.",
		Bad:     "---\nMS.Date: 03/02/2025\n---",
		Good:    "---\nms.date: 03/02/2025\n---",
		AutoFix: "rewrites the key in the schema's letter case (unless that key is also given)",
	},
	"meta-key-unknown": {
		Why:  "A key the schema does not know is usually a typo, and its value is ignored. Keys your team adds on purpose can be declared in helpsite.yaml (metadata.learn.knownKeys, metadata.shc.knownKeys).",
		Fix:  "Correct the spelling (the finding suggests the closest known key), or declare the key in helpsite.yaml.",
		Bad:  "ms.reviwer: alias",
		Good: "ms.reviewer: alias",
	},
	"meta-recommended": {
		Why:  "appliesto, audience, search.appverid and ms.custom help readers find the article and search rank it; without them it is harder to find.",
		Fix:  "Add the key with a value, in the front matter or for the whole docset in docfx.json.",
		Bad:  "---\ntitle: Cannot open a file\n---",
		Good: "---\ntitle: Cannot open a file\nappliesto:\n- Excel for Microsoft 365\naudience: ITPro\n---",
	},
	"meta-required": {
		Why:  "The publishing pipeline refuses an article without its required metadata (after docfx.json's globalMetadata and fileMetadata are merged), or shows it without title or owner.",
		Fix:  "Add the key with a value, in the article or, for values shared by a docset, in docfx.json.",
		Bad:  "---\ntitle: Cannot open a file\n---",
		Good: "---\ntitle: Cannot open a file\ndescription: Fixes an error when you open a workbook.\nms.date: 03/02/2025\nms.topic: troubleshooting\nauthor: alias\nms.author: alias\nms.service: excel\n---",
	},
	"meta-schemaversion-invalid": {
		Why:  "The portal knows schemaVersion 1 only; another value may make it reject the article.",
		Fix:  "Write schemaVersion=\"1\" or leave the attribute out.",
		Bad:  "schemaVersion=\"2\"",
		Good: "schemaVersion=\"1\"",
	},
	"meta-selfhelptype-invalid": {
		Why:  "selfHelpType picks the template the portal renders the article with; an unknown type is not shown.",
		Fix:  "Use one of the known types (the finding suggests the closest).",
		Bad:  "selfHelpType=\"diagnostic\"",
		Good: "selfHelpType=\"diagnostics\"",
	},
	"meta-topic-invalid": {
		Why:  "ms.topic classifies the page for Learn's navigation and reports; an unknown value is not one of its page types.",
		Fix:  "Use one of troubleshooting, how-to, conceptual, article, overview, reference, tutorial, landing-page (or troubleshooting-general, troubleshooting-problem-resolution).",
		Bad:  "ms.topic: troubleshoot",
		Good: "ms.topic: troubleshooting",
	},

	// Headings & structure
	"alert-case": {
		Why:     "Newer DocFX reads [!note] as an alert, but older DFM parsers and other renderers show it as text.",
		Fix:     "Write the alert keyword in capitals.",
		Bad:     "> [!note]\n> Restart Outlook first.",
		Good:    "> [!NOTE]\n> Restart Outlook first.",
		AutoFix: "writes the keyword in capitals",
	},
	"alert-type-invalid": {
		Why:  "Only NOTE, TIP, IMPORTANT, WARNING and CAUTION are alerts; another word shows the brackets as text.",
		Fix:  "Use one of the five alert types.",
		Bad:  "> [!ATTENTION]\n> Back up the registry first.",
		Good: "> [!WARNING]\n> Back up the registry first.",
	},
	"code-fence-unclosed": {
		Why:  "A code block that is never closed turns the rest of the article into code.",
		Fix:  "Close the block with the same fence (``` or ~~~) it opened with.",
		Bad:  "```powershell\nGet-Mailbox\n\n## Next steps",
		Good: "```powershell\nGet-Mailbox\n```\n\n## Next steps",
	},
	"heading-h1-missing": {
		Why:  "The H1 is the page's title for readers and search; without one the page starts nowhere.",
		Fix:  "Start the article body with one \"# Title\" heading.",
		Bad:  "## Symptoms\n\nOutlook does not start.",
		Good: "# Outlook does not start\n\n## Symptoms",
	},
	"heading-h1-multiple": {
		Why:  "A page has one title; a second H1 breaks the outline that \"In this article\" and screen readers follow.",
		Fix:  "Keep one H1 and make the others H2.",
		Bad:  "# Outlook does not start\n\n# Resolution",
		Good: "# Outlook does not start\n\n## Resolution",
	},
	"heading-h1-not-first": {
		Why:  "Headings above the title give the page an outline that starts below its own title.",
		Fix:  "Move the H1 above every other heading.",
		Bad:  "## Applies to\n\n# Outlook does not start",
		Good: "# Outlook does not start\n\n## Applies to",
	},
	"heading-level-skip": {
		Why:  "Skipping a level (H2 to H4) breaks the outline screen readers and the table of contents follow.",
		Fix:  "Use the next level down: after an H2, an H3.",
		Bad:  "## Resolution\n\n#### Method 1",
		Good: "## Resolution\n\n### Method 1",
	},

	// SHC content rules
	"shc-anchor-link": {
		Why:  "The portal's ServicesHub template does not support named anchors, so an in-page #link goes nowhere.",
		Fix:  "Refer to the section by its name instead of linking to it.",
		Bad:  "See [Resolution](#resolution).",
		Good: "See the Resolution section below.",
	},
	"shc-blade-link-format": {
		Why:  "A data-blade: link opens a portal blade by name; a link in another form opens nothing.",
		Fix:  "Write data-blade:Extension.Blade, optionally followed by .param.value pairs.",
		Bad:  "[Open the VM](data-blade:Microsoft_Azure_Compute/VirtualMachine)",
		Good: "[Open the VM](data-blade:Microsoft_Azure_Compute.VirtualMachineBlade)",
	},
	"shc-code-fence-language": {
		Why:  "The portal's renderer does not support a language (info string) after the fence and may show it as text.",
		Fix:  "Leave the language out.",
		Bad:  "```powershell\nGet-AzVM\n```",
		Good: "```\nGet-AzVM\n```",
	},
	"shc-filename-too-long": {
		Why:  "The self-help publishing guide keeps file names under 80 characters; longer ones fail in some tools of the pipeline.",
		Fix:  "Shorten the file name (and update the links to it).",
		Bad:  "troubleshoot-virtual-machine-boot-errors-when-the-operating-system-is-not-found-on-the-disk.md",
		Good: "vm-boot-error-no-os.md",
	},
	"shc-issuedescription-link": {
		Why:  "The Diagnostic template shows the issueDescription block as plain text: links there do not work.",
		Fix:  "Move the link out of the issueDescription block.",
		Bad:  "<!--issueDescription-->\nSee [the docs](https://learn.microsoft.com/azure/).\n<!--/issueDescription-->",
		Good: "<!--issueDescription-->\nThe VM does not boot.\n<!--/issueDescription-->\nSee [the docs](https://learn.microsoft.com/azure/).",
	},
	"shc-issuedescription-missing": {
		Why:  "Diagnostics, rca and servicehealthinsights articles show their issueDescription block as the summary of the problem; without it the portal shows none.",
		Fix:  "Wrap the description of the problem in <!--issueDescription--> ... <!--/issueDescription-->.",
		Bad:  "# VM does not boot\nThe VM does not boot.",
		Good: "# VM does not boot\n<!--issueDescription-->\nThe VM does not boot.\n<!--/issueDescription-->",
	},
	"shc-issuedescription-unbalanced": {
		Why:  "An issueDescription block that is opened twice or never closed swallows the rest of the article.",
		Fix:  "Pair each <!--issueDescription--> with one <!--/issueDescription--> after it.",
		Bad:  "<!--issueDescription-->\nThe VM does not boot.",
		Good: "<!--issueDescription-->\nThe VM does not boot.\n<!--/issueDescription-->",
	},
	"shc-json-control-char": {
		Why:  "JSON strings may not hold raw tabs or line breaks; lenient parsers accept them, the portal's may not.",
		Fix:  "Write \\t and \\n inside JSON strings instead of the raw characters.",
		Bad:  "{\"question\": \"Which VM?<TAB>\"}",
		Good: "{\"question\": \"Which VM?\\t\"}",
	},
	"shc-json-invalid": {
		Why:  "The JSON block of a problem-scoping or advisor article holds its questions; JSON that does not parse loses all of them.",
		Fix:  "Fix the JSON at the place the finding names (often a trailing comma or a missing quote).",
		Bad:  "---\n{\"questions\": [{\"id\": \"q1\",}]}\n---",
		Good: "---\n{\"questions\": [{\"id\": \"q1\"}]}\n---",
	},
	"shc-json-missing": {
		Why:  "problemScopingQuestions, advisorRecommendationMetadata, supportTopicDescription, diagnoseandsolve and TSG_Questions articles are driven by their JSON block; without it they show nothing.",
		Fix:  "Add the JSON block between --- lines after the Markdown.",
		Bad:  "<properties selfHelpType=\"problemScopingQuestions\" ... />\n# Scoping",
		Good: "<properties selfHelpType=\"problemScopingQuestions\" ... />\n# Scoping\n---\n{\"questions\": []}\n---",
	},
	"shc-recommended-steps-missing": {
		Why:  "The Diagnostic template requires a Recommended Steps section: it is what the reader is asked to do.",
		Fix:  "Add a \"## **Recommended Steps**\" section.",
		Bad:  "# VM does not boot\nThe disk is full.",
		Good: "# VM does not boot\nThe disk is full.\n\n## **Recommended Steps**\n1. Resize the disk.",
	},
	"shc-section-heading-format": {
		Why:  "The portal finds the Recommended Steps and Recommended Documents sections by their exact heading, a bold H2.",
		Fix:  "Write the heading as \"## **Recommended Steps**\" or \"## **Recommended Documents**\".",
		Bad:  "### Recommended steps:",
		Good: "## **Recommended Steps**",
	},
	"shc-token-name-invalid": {
		Why:  "Replacement token names are looked up as written; white space or other characters never match a value.",
		Fix:  "Use letters, digits, '_' and '.' only.",
		Bad:  "<!--$vm name-->VM<!--/$vm name-->",
		Good: "<!--$vmName-->VM<!--/$vmName-->",
	},
	"shc-token-unbalanced": {
		Why:  "A replacement token is the text between <!--$name--> and <!--/$name-->; without its pair the portal replaces nothing, or too much.",
		Fix:  "Close each token with the same name.",
		Bad:  "<!--$vmName-->VM<!--/$vmname-->",
		Good: "<!--$vmName-->VM<!--/$vmName-->",
	},
	"shc-unsupported-markdown": {
		Why:  "The portal's renderer shows pipe tables and [!NOTE] alerts as raw text.",
		Fix:  "Use a list instead of a table, and bold text (**Note**) instead of an alert.",
		Bad:  "> [!NOTE]\n> Stop the VM first.",
		Good: "**Note:** Stop the VM first.",
	},

	// Links, anchors, includes, images
	"anchor-broken": {
		Why:  "A #fragment that matches no heading id or anchor opens the page at the top: the reader has to hunt for the section. Ids are case-sensitive. A text fragment (#:~:text=words) names no id and is not checked; in #id:~:text=words the id is.",
		Fix:  "Link to the heading's id as DocFX writes it: lower case, spaces as -, punctuation dropped (the finding names one that differs only in case).",
		Bad:  "[Resolution](#Resolution-Steps)",
		Good: "[Resolution](#resolution-steps)",
	},
	"anchor-site-broken": {
		Why:  "The site links a site-relative URL to the page of this tree that has it; a #fragment that page lacks opens it at the top.",
		Fix:  "Link to an id the target page has.",
		Bad:  "[Fix it](/office/troubleshoot/outlook/fix#step-9)",
		Good: "[Fix it](/office/troubleshoot/outlook/fix#step-2)",
	},
	"image-alt-missing": {
		Why:  "Screen readers read the alternative text; an image without it is invisible to their users, and Learn requires it.",
		Fix:  "Describe what the image shows.",
		Bad:  "![](media/error.png)",
		Good: "![The error message: Outlook cannot start.](media/error.png)",
	},
	"image-missing": {
		Why:     "An image whose file does not exist shows as a broken image. Paths are case-sensitive, as on Linux and GitHub Pages.",
		Fix:     "Point at the file as it is named (the finding names one that differs only in case), or add the image.",
		Bad:     "![The error.](media/Error.png)",
		Good:    "![The error.](media/error.png)",
		AutoFix: "rewrites the path in the letter case of the one file that matches",
	},
	"image-orphan": {
		Why:  "An image no article or TOC shows is dead weight in the repository, and often the sign of a link that was lost.",
		Fix:  "Delete the image, or link to it from the article it belongs to.",
		Bad:  "media/old-dialog.png (no article shows it)",
		Good: "(the file is deleted)",
	},
	"image-syntax-invalid": {
		Why:  "DocFX renders a :::image tag it cannot read as text: no image appears.",
		Fix:  "Give the tag a type (content, icon or complex), a source, and for complex images a long description ending with :::image-end:::.",
		Bad:  ":::image type=\"picture\" source=\"media/a.png\" alt-text=\"A.\":::",
		Good: ":::image type=\"content\" source=\"media/a.png\" alt-text=\"A.\":::",
	},
	"include-cycle": {
		Why:  "An include that includes itself, directly or through others, never ends; the page leaves it out.",
		Fix:  "Remove the [!INCLUDE] that closes the loop.",
		Bad:  "includes/a.md: [!INCLUDE [b](b.md)]\nincludes/b.md: [!INCLUDE [a](a.md)]",
		Good: "includes/a.md: [!INCLUDE [b](b.md)]\nincludes/b.md: (no include of a.md)",
	},
	"include-depth": {
		Why:  "Includes nested more than 8 levels deep are left out of the page, as DocFX does.",
		Fix:  "Flatten the includes: include the innermost snippets from the page itself.",
		Bad:  "page.md includes a.md, which includes b.md, ... nine levels deep",
		Good: "page.md includes a.md and b.md directly",
	},
	"include-missing": {
		Why:     "An [!INCLUDE] of a file that does not exist leaves a hole in the page (DocFX fails the build).",
		Fix:     "Point at the include file as it is named, or add it.",
		Bad:     "[!INCLUDE [Sign in](../includes/sign-in.md)]  (the file is includes/signin.md)",
		Good:    "[!INCLUDE [Sign in](../includes/signin.md)]",
		AutoFix: "rewrites the path in the letter case of the one file that matches",
	},
	"link-akams": {
		Why:  "The self-help templates ask for full URLs: aka.ms short links hide where they go and may be retargeted.",
		Fix:  "Link to the full URL the short link goes to.",
		Bad:  "[Pricing](https://aka.ms/vmpricing)",
		Good: "[Pricing](https://azure.microsoft.com/pricing/details/virtual-machines/)",
	},
	"link-broken": {
		Why:     "A relative link to a file that does not exist is a dead link. Paths are case-sensitive, as on Linux and GitHub Pages.",
		Fix:     "Point at the file as it is named (the finding names one that differs only in case, or tells / from \\), or remove the link.",
		Bad:     "[Set up Outlook](../Setup/outlook.md)",
		Good:    "[Set up Outlook](../setup/outlook.md)",
		AutoFix: "rewrites the path in the letter case of the one file that matches",
	},
	"link-docs-absolute": {
		Why:  "Links within Learn are written site-relative, so they work on review sites and in every locale.",
		Fix:  "Drop the scheme, host and locale: keep the path from the first /.",
		Bad:  "[Outlook](https://learn.microsoft.com/en-us/outlook/troubleshoot/welcome)",
		Good: "[Outlook](/outlook/troubleshoot/welcome)",
	},
	"link-empty": {
		Why:  "A link with no target (or a bare #) goes nowhere; it is usually a placeholder never filled in.",
		Fix:  "Fill in the target, or remove the link.",
		Bad:  "[the download page]()",
		Good: "[the download page](https://www.microsoft.com/download)",
	},
	"link-external-broken": {
		Why:  "An http(s) link that answers with an error, or not at all, is dead for the reader (lint --external asks each one).",
		Fix:  "Link to the page's new address, or remove the link.",
		Bad:  "[Tool](https://example.com/retired-tool)",
		Good: "[Tool](https://example.com/tools/new-tool)",
	},
	"link-external-redirect": {
		Why:  "A link that moved permanently still works but sends every reader through a redirect that may one day stop.",
		Fix:  "Link to the new address the finding names.",
		Bad:  "[Docs](https://docs.microsoft.com/office/)",
		Good: "[Docs](https://learn.microsoft.com/office/)",
	},
	"link-http-insecure": {
		Why:  "Browsers warn about http:// pages, and the link can be tampered with on the way.",
		Fix:  "Use https:// (check that the site answers on it).",
		Bad:  "[Download](http://www.microsoft.com/download)",
		Good: "[Download](https://www.microsoft.com/download)",
	},
	"link-locale": {
		Why:  "Microsoft's sites pick the reader's language themselves; a /en-us/ in the link pins every reader to English.",
		Fix:  "Remove the locale segment from the path.",
		Bad:  "[Support](https://support.microsoft.com/en-us/office)",
		Good: "[Support](https://support.microsoft.com/office)",
	},
	"link-redirected": {
		Why:  "The target was moved (it is a redirection's source_path): the link works through a redirect, and breaks if the redirect goes.",
		Fix:  "Link to the redirect's target, which the finding names.",
		Bad:  "[Old article](old-article.md)",
		Good: "[New article](/outlook/troubleshoot/new-article)",
	},
	"link-ref-undefined": {
		Why:  "[text][label] with no [label]: definition renders as literal brackets; when the label is a URL, a (url) was meant.",
		Fix:  "Write [text](url), or add the definition.",
		Bad:  "See [the guide][https://learn.microsoft.com/office/].",
		Good: "See [the guide](https://learn.microsoft.com/office/).",
	},
	"link-review-site": {
		Why:  "review.learn.microsoft.com is for authors; readers cannot open it.",
		Fix:  "Link to the published page (site-relative for Learn pages).",
		Bad:  "[Fix](https://review.learn.microsoft.com/en-us/office/fix?branch=main)",
		Good: "[Fix](/office/fix)",
	},
	"link-scheme-unknown": {
		Why:  "A link with an unknown scheme, or http(s): without //, opens nothing; it is nearly always a typo.",
		Fix:  "Correct the scheme (https://, mailto:, data-blade:, ...).",
		Bad:  "[Portal](ttps://portal.azure.com)",
		Good: "[Portal](https://portal.azure.com)",
	},

	// Site structure (TOC, redirects)
	"redirect-chain": {
		Why:  "A redirect to a page that is itself redirected makes readers hop twice, and chains grow until one link breaks.",
		Fix:  "Point the redirect_url at the final page.",
		Bad:  "a -> /x/b, and b -> /x/c",
		Good: "a -> /x/c, and b -> /x/c",
	},
	"redirect-duplicate-source": {
		Why:  "Two redirections of one source_path: only one of them is used, and which is not defined.",
		Fix:  "Keep one entry per source_path.",
		Bad:  "{\"source_path\": \"a.md\", \"redirect_url\": \"/x/b\"},\n{\"source_path\": \"a.md\", \"redirect_url\": \"/x/c\"}",
		Good: "{\"source_path\": \"a.md\", \"redirect_url\": \"/x/c\"}",
	},
	"page-url-conflict": {
		Why:  "Two files would be published at one URL (a.md and a/index.md): only one page can be there, so helpsite build leaves the other out.",
		Fix:  "Rename or move one of the files.",
		Bad:  "setup.md and setup/index.md",
		Good: "setup.md and setup/overview.md",
	},
	"render-failed": {
		Why:  "helpsite build could not render the article or copy one of its resources; the page says so instead of showing the article.",
		Fix:  "Read the message: usually a file that cannot be read, or a template error in a templates/ override.",
		Bad:  "(an article that cannot be read)",
		Good: "(a readable UTF-8 article)",
	},
	"redirect-missing": {
		Why:  "A deleted or renamed article keeps its readers only through a redirection; without one every bookmark and search result breaks.",
		Fix:  "Add an entry for the old path to .openpublishing.redirection.json.",
		Bad:  "git mv old.md new.md  (no redirection)",
		Good: "{\"source_path\": \"old.md\", \"redirect_url\": \"/office/troubleshoot/new\", \"redirect_document_id\": false}",
	},
	"redirect-source-exists": {
		Why:  "A redirection whose source file still exists: the build publishes the page and the redirect at one URL.",
		Fix:  "Delete the file, or the redirection.",
		Bad:  "old.md exists, and {\"source_path\": \"old.md\", ...}",
		Good: "old.md deleted, and {\"source_path\": \"old.md\", ...}",
	},
	"redirect-target-invalid": {
		Why:  "redirect_url must be an https:// URL or a site-relative /path; anything else sends readers nowhere.",
		Fix:  "Write the target as https://... or /path.",
		Bad:  "\"redirect_url\": \"outlook/new-article\"",
		Good: "\"redirect_url\": \"/outlook/troubleshoot/new-article\"",
	},
	"redirect-target-missing": {
		Why:  "A redirect inside this repository's URL space to a URL no page or redirect has leads to a 404.",
		Fix:  "Point the redirect at an existing page.",
		Bad:  "\"redirect_url\": \"/office/troubleshoot/no-such-page\"",
		Good: "\"redirect_url\": \"/office/troubleshoot/existing-page\"",
	},
	"toc-link-broken": {
		Why:     "A toc.yml entry whose file does not exist is a dead entry in the navigation. Paths are case-sensitive.",
		Fix:     "Point the href at the file as it is named (the finding names one that differs only in case), or remove the entry.",
		Bad:     "- name: Setup\n  href: ../Setup/outlook.md",
		Good:    "- name: Setup\n  href: ../setup/outlook.md",
		AutoFix: "rewrites the href in the letter case of the one file that matches",
	},
	"toc-missing-article": {
		Why:  "An article no toc.yml of its docset lists cannot be reached from the navigation.",
		Fix:  "Add it to the docset's toc.yml, or delete it if it is obsolete.",
		Bad:  "word/new-article.md (in no toc.yml)",
		Good: "- name: New article\n  href: new-article.md",
	},
}
