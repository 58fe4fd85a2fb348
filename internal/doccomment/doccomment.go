// Package doccomment reads the doc comments of a Go package's struct types and their fields from its source, for
// the generators that turn them into schema descriptions (gen-annotations, gen-spec-schema).
package doccomment

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// Package is the struct types of one Go package.
type Package struct {
	// Name is the package name.
	Name string
	// Structs are the package's struct types, sorted by name.
	Structs []Struct
}

// Struct is one struct type.
type Struct struct {
	// Name is the type name.
	Name string
	// Doc is the text of its doc comment.
	Doc string
	// Fields are its named fields in declaration order, one per name; embedded fields are left out.
	Fields []Field
}

// Field is one named struct field.
type Field struct {
	// Name is the Go field name.
	Name string
	// Tag is the field's struct tag.
	Tag reflect.StructTag
	// Doc is the text of its doc comment.
	Doc string
}

// Struct returns the struct type called name, and false when the package has none.
func (p *Package) Struct(name string) (Struct, bool) {
	i, ok := slices.BinarySearchFunc(p.Structs, name, func(s Struct, name string) int { return strings.Compare(s.Name, name) })
	if !ok {
		return Struct{}, false
	}
	return p.Structs[i], true
}

// Field returns the field called name, and false when the struct has none.
func (s Struct) Field(name string) (Field, bool) {
	i := slices.IndexFunc(s.Fields, func(f Field) bool { return f.Name == name })
	if i < 0 {
		return Field{}, false
	}
	return s.Fields[i], true
}

// Read parses the Go files of the package in dir, except its tests and the files named in skip.
func Read(dir string, skip ...string) (*Package, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	fset := token.NewFileSet()
	pkg := &Package{}
	for _, path := range paths {
		if name := filepath.Base(path); strings.HasSuffix(name, "_test.go") || slices.Contains(skip, name) {
			continue
		}
		file, err := parser.ParseFile(fset, path, nil, parser.ParseComments)
		if err != nil {
			return nil, err
		}
		if pkg.Name != "" && file.Name.Name != pkg.Name {
			return nil, fmt.Errorf("%s: want one package, found %s and %s", dir, pkg.Name, file.Name.Name)
		}
		pkg.Name = file.Name.Name
		pkg.Structs = append(pkg.Structs, structsOf(file)...)
	}
	slices.SortFunc(pkg.Structs, func(a, b Struct) int { return strings.Compare(a.Name, b.Name) })
	return pkg, nil
}

// structsOf returns the struct types declared in file.
func structsOf(file *ast.File) []Struct {
	var structs []Struct
	for _, decl := range file.Decls {
		gen, ok := decl.(*ast.GenDecl)
		if !ok || gen.Tok != token.TYPE {
			continue
		}
		for _, spec := range gen.Specs {
			ts := spec.(*ast.TypeSpec)
			st, ok := ts.Type.(*ast.StructType)
			if !ok {
				continue
			}
			doc := ts.Doc
			if doc == nil {
				doc = gen.Doc
			}
			s := Struct{Name: ts.Name.Name, Doc: doc.Text()}
			for _, f := range st.Fields.List {
				var tag string
				if f.Tag != nil {
					tag, _ = strconv.Unquote(f.Tag.Value)
				}
				for _, n := range f.Names {
					s.Fields = append(s.Fields, Field{Name: n.Name, Tag: reflect.StructTag(tag), Doc: f.Doc.Text()})
				}
			}
			structs = append(structs, s)
		}
	}
	return structs
}

// Describe turns doc comment text into a one-line schema description, replacing a leading Go name with the schema
// name.
func Describe(doc, goName, schemaName string) string {
	text := strings.TrimSpace(doc)
	if rest, ok := strings.CutPrefix(text, goName+" "); ok {
		text = schemaName + " " + rest
	}
	return strings.Join(strings.Fields(text), " ")
}
