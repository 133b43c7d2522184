package risk

// Writing a register as risks.yaml text, for `isms import risks`: the
// fields in the order of SPEC §11, control IDs quoted (so that 5.10 stays
// 5.10, not the number 5.1), short lists and actions in flow style,
// descriptions as literal blocks, a blank line between risks. The same
// register always gives the same bytes.

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// YAML writes the register as risks.yaml, below a comment that says where
// it came from (one or more lines; "" for none).
func (reg *Register) YAML(comment string) []byte {
	root := &yaml.Node{Kind: yaml.MappingNode, HeadComment: comment}
	put := func(m *yaml.Node, key string, v *yaml.Node) {
		if v != nil {
			m.Content = append(m.Content, str(key), v)
		}
	}
	if reg.Method != "" {
		put(root, "method", str(reg.Method))
	}
	put(root, "assessed", date(reg.Assessed).node())
	if reg.matrixWritten || !reg.Matrix.isDefault() {
		put(root, "matrix", reg.Matrix.node())
	}
	risks := &yaml.Node{Kind: yaml.MappingNode}
	for _, x := range reg.Risks {
		r := &yaml.Node{Kind: yaml.MappingNode}
		put(r, "title", str(x.Title))
		if x.Description != "" {
			d := str(x.Description)
			if strings.Contains(x.Description, "\n") {
				d.Style = yaml.LiteralStyle
			}
			put(r, "description", d)
		}
		put(r, "owner", str(x.Owner))
		put(r, "assets", list(x.Assets, 0))
		put(r, "properties", list(x.Properties, 0))
		put(r, "likelihood", optional(x.Inherent.Likelihood).node())
		put(r, "consequence", optional(x.Inherent.Consequence).node())
		if x.Treatment != "" {
			put(r, "treatment", str(x.Treatment))
		}
		put(r, "controls", list(x.Controls, yaml.DoubleQuotedStyle))
		put(r, "documents", list(x.Documents, 0))
		if len(x.Actions) > 0 {
			actions := &yaml.Node{Kind: yaml.SequenceNode}
			for _, a := range x.Actions {
				an := &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle}
				put(an, "title", str(a.Title))
				if a.Owner != "" && a.Owner != x.Owner {
					put(an, "owner", str(a.Owner))
				}
				put(an, "due", date(a.Due).node())
				put(an, "status", str(a.Status))
				actions.Content = append(actions.Content, an)
			}
			put(r, "actions", actions)
		}
		if res := x.Residual; res != nil {
			rn := &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle}
			put(rn, "likelihood", optional(res.Likelihood).node())
			put(rn, "consequence", optional(res.Consequence).node())
			put(r, "residual", rn)
		}
		if a := x.Accepted; a != nil {
			an := &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle}
			put(an, "by", str(a.By))
			put(an, "date", date(a.Date).node())
			put(r, "accepted", an)
		}
		put(r, "review", date(x.Review).node())
		put(risks, x.ID, r)
	}
	put(root, "risks", risks)

	var b bytes.Buffer
	e := yaml.NewEncoder(&b)
	e.SetIndent(2)
	// Encoding nodes built here cannot fail: every node is a scalar,
	// sequence or mapping with string keys.
	_ = e.Encode(&yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{root}})
	_ = e.Close()
	return spaceRisks(b.Bytes())
}

// spaceRisks puts a blank line before the risks and between them.
func spaceRisks(src []byte) []byte {
	lines := bytes.SplitAfter(src, []byte("\n"))
	var out bytes.Buffer
	inRisks, first := false, true
	for _, l := range lines {
		switch {
		case bytes.HasPrefix(l, []byte("risks:")):
			inRisks = true
			out.WriteByte('\n')
		case len(l) > 0 && l[0] != ' ' && l[0] != '#' && l[0] != '\n':
			inRisks = false
		case inRisks && len(l) > 2 && l[0] == ' ' && l[1] == ' ' && l[2] != ' ' && l[2] != '-' && l[2] != '#':
			if !first {
				out.WriteByte('\n')
			}
			first = false
		}
		out.Write(l)
	}
	return out.Bytes()
}

func str(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }

// list is a flow list of texts, nil when empty.
func list(items []string, style yaml.Style) *yaml.Node {
	if len(items) == 0 {
		return nil
	}
	n := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
	for _, s := range items {
		item := str(s)
		item.Style = style
		n.Content = append(n.Content, item)
	}
	return n
}

// node is a cell as a YAML scalar, nil when empty.
func (c cell) node() *yaml.Node {
	switch c.kind {
	case numberCell:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(c.number)}
	case dateCell:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: c.date.Format(time.DateOnly)}
	case textCell:
		return str(c.text)
	}
	return nil
}

func (m Matrix) isDefault() bool {
	d := DefaultMatrix()
	return slices.Equal(m.Likelihood, d.Likelihood) && slices.Equal(m.Consequence, d.Consequence) &&
		m.Acceptance == d.Acceptance && slices.Equal(m.Levels, d.Levels)
}

func (m Matrix) node() *yaml.Node {
	n := &yaml.Node{Kind: yaml.MappingNode}
	scale := func(labels []string) *yaml.Node {
		if strings.Join(labels, "") == "" {
			return number(len(labels)).node()
		}
		return list(labels, 0)
	}
	n.Content = append(n.Content, str("likelihood"), scale(m.Likelihood), str("consequence"), scale(m.Consequence))
	if !slices.Equal(m.Levels, defaultLevels(m.MaxScore())) {
		levels := &yaml.Node{Kind: yaml.SequenceNode}
		for _, l := range m.Levels {
			ln := &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle}
			ln.Content = append(ln.Content, str("name"), str(l.Name), str("max"), number(l.Max).node())
			levels.Content = append(levels.Content, ln)
		}
		n.Content = append(n.Content, str("levels"), levels)
	}
	n.Content = append(n.Content, str("acceptance"), number(m.Acceptance).node())
	return n
}
