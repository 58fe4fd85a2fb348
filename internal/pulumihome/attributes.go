package pulumihome

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// attributesExt ends the side file in which the local backend's blob store (gocloud.dev/blob/fileblob) keeps a
// file's attributes.
const attributesExt = ".attrs"

// repairAttributes removes the attribute files of this stack's checkpoint, history and backups that a killed run
// left empty or cut short. The blob store replaces a file atomically but rewrites its attributes in place, and then
// fails every read of the file ("failed to load checkpoint: EOF") while they do not parse. Without them it reads the
// file with default attributes, which is all the backend needs, so removing them is safe even while another process
// writes them.
func (s *Stack) repairAttributes() {
	dir, ok := s.home.localStateDir()
	if !ok {
		return
	}
	root := filepath.Join(dir, ".pulumi")
	var repaired []string
	check := func(path string) {
		if !strings.HasSuffix(path, attributesExt) {
			return
		}
		data, err := os.ReadFile(path)
		if err != nil || json.Valid(data) {
			return
		}
		if os.Remove(path) == nil {
			rel, _ := filepath.Rel(root, strings.TrimSuffix(path, attributesExt))
			repaired = append(repaired, rel)
		}
	}
	files, _ := filepath.Glob(filepath.Join(root, "stacks", s.project, s.name+".json*"+attributesExt))
	files = append(files, filepath.Join(root, "meta.yaml"+attributesExt))
	for _, f := range files {
		check(f)
	}
	for _, sub := range []string{"history", "backups"} {
		_ = filepath.WalkDir(filepath.Join(root, sub, s.project, s.name), func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				check(path)
			}
			return nil
		})
	}
	if len(repaired) > 0 {
		s.home.notify(fmt.Sprintf("a killed run left the attributes of %s unreadable in the state of stack %s: "+
			"removed them (the files themselves are whole)", strings.Join(repaired, ", "), s.name))
	}
}
