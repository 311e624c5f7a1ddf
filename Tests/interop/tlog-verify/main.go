// tlog-verify checks what `decreg log` writes with Go's own transparency-log code (golang.org/x/mod/sumdb/note
// and tlog, the checksum database's), written independently of decreg: a signed checkpoint, witnesses'
// cosignatures (c2sp.org/tlog-cosignature, checked here with crypto/ed25519), an inclusion proof
// (c2sp.org/tlog-proof@v1) and a consistency proof between two checkpoints. It also signs a note with a decreg
// private key, to show the key files are the ones Go's note package reads.
//
//	tlog-verify proof FILE.tlog-proof LOG_VKEY [WITNESS_VKEY...]
//	tlog-verify consistency OLD_CHECKPOINT NEW_CHECKPOINT PROOF_FILE LOG_VKEY
//	tlog-verify sign PRIVATE_KEY_FILE LOG_VKEY
//	tlog-verify tiles URL LOG_VKEY
//
// tiles fetches URL/log/checkpoint and, through Go's own tlog.TileHashReader (which checks every tile it reads
// against the checkpoint's root), the tree hash and an inclusion proof of every entry, each entry taken from the
// entry bundles (c2sp.org/tlog-tiles).
package main

import (
	"bytes"
	"io"
	"net/http"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"os"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "tlog-verify: "+format+"\n", args...)
	os.Exit(1)
}

// checkpoint opens a signed checkpoint with the log's key and returns its size and root.
func checkpoint(text []byte, logKey string) (*note.Note, int64, tlog.Hash) {
	verifier, err := note.NewVerifier(logKey)
	if err != nil {
		fail("log key: %v", err)
	}
	n, err := note.Open(text, note.VerifierList(verifier))
	if err != nil {
		fail("checkpoint: %v", err)
	}
	lines := strings.Split(n.Text, "\n")
	if len(lines) < 4 || lines[0] != verifier.Name() {
		fail("checkpoint: origin %q is not the log key's name %q", lines[0], verifier.Name())
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil {
		fail("checkpoint size: %v", err)
	}
	root, err := tlog.ParseHash(lines[2])
	if err != nil {
		fail("checkpoint root: %v", err)
	}
	return n, size, root
}

// cosigned checks a witness's Ed25519 cosignature (type 0x04) on the note.
func cosigned(n *note.Note, vkey string) {
	parts := strings.SplitN(vkey, "+", 3)
	if len(parts) != 3 {
		fail("witness key %q", vkey)
	}
	material, err := base64.StdEncoding.DecodeString(parts[2])
	if err != nil || len(material) != 33 || material[0] != 0x04 {
		fail("witness key %q is not an Ed25519 cosigning key", vkey)
	}
	public := ed25519.PublicKey(material[1:])
	sum := sha256.Sum256(append([]byte(parts[0]+"\n\x04"), public...))
	id := binary.BigEndian.Uint32(sum[:4])
	if fmt.Sprintf("%08x", id) != parts[1] {
		fail("witness key %q: key id", vkey)
	}
	for _, sig := range n.UnverifiedSigs {
		if sig.Name != parts[0] || sig.Hash != id {
			continue
		}
		raw, err := base64.StdEncoding.DecodeString(sig.Base64)
		if err != nil || len(raw) != 4+8+64 {
			fail("cosignature of %s: malformed", parts[0])
		}
		timestamp := binary.BigEndian.Uint64(raw[4:12])
		message := fmt.Sprintf("cosignature/v1\ntime %d\n%s", timestamp, n.Text)
		if !ed25519.Verify(public, []byte(message), raw[12:]) {
			fail("cosignature of %s does not verify", parts[0])
		}
		fmt.Printf("tlog-verify: cosigned by %s at %d\n", parts[0], timestamp)
		return
	}
	fail("no cosignature of %s", parts[0])
}

// c2spTiles reads tiles over HTTP at their c2sp.org/tlog-tiles paths (no height segment, unlike Go's sumdb).
type c2spTiles struct{ base string }

func (c2spTiles) Height() int { return 8 }

func tilePath(level string, n int64, w int) string {
	digits := fmt.Sprintf("%03d", n%1000)
	for n /= 1000; n > 0; n /= 1000 {
		digits = fmt.Sprintf("x%03d/", n%1000) + digits
	}
	path := "tile/" + level + "/" + digits
	if w < 256 {
		path += fmt.Sprintf(".p/%d", w)
	}
	return path
}

func get(url string) []byte {
	response, err := http.Get(url)
	if err != nil {
		fail("GET %s: %v", url, err)
	}
	defer response.Body.Close()
	body, _ := io.ReadAll(response.Body)
	if response.StatusCode != 200 {
		fail("GET %s: %s", url, response.Status)
	}
	return body
}

func (c c2spTiles) ReadTiles(tiles []tlog.Tile) ([][]byte, error) {
	data := make([][]byte, len(tiles))
	for i, tile := range tiles {
		data[i] = get(c.base + "/log/" + tilePath(strconv.Itoa(tile.L), tile.N, tile.W))
	}
	return data, nil
}

func (c2spTiles) SaveTiles(tiles []tlog.Tile, data [][]byte) {}

func read(path string) []byte {
	data, err := os.ReadFile(path)
	if err != nil {
		fail("%v", err)
	}
	return data
}

func main() {
	if len(os.Args) < 2 {
		fail("usage: tlog-verify proof|consistency|sign …")
	}
	switch os.Args[1] {
	case "proof":
		text := read(os.Args[2])
		split := bytes.Index(text, []byte("\n\n"))
		if split < 0 {
			fail("proof: no blank line")
		}
		lines := strings.Split(string(text[:split]), "\n")
		if lines[0] != "c2sp.org/tlog-proof@v1" || !strings.HasPrefix(lines[1], "extra ") {
			fail("proof: header or extra line")
		}
		leaf, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(lines[1], "extra "))
		if err != nil {
			fail("proof: extra: %v", err)
		}
		index, err := strconv.ParseInt(strings.TrimPrefix(lines[2], "index "), 10, 64)
		if err != nil {
			fail("proof: index: %v", err)
		}
		var path tlog.RecordProof
		for _, line := range lines[3:] {
			hash, err := tlog.ParseHash(line)
			if err != nil {
				fail("proof: hash %q: %v", line, err)
			}
			path = append(path, hash)
		}
		n, size, root := checkpoint(text[split+2:], os.Args[3])
		for _, witness := range os.Args[4:] {
			cosigned(n, witness)
		}
		if err := tlog.CheckRecord(path, size, root, index, tlog.RecordHash(leaf)); err != nil {
			fail("inclusion of entry %d in the tree of %d: %v", index+1, size, err)
		}
		fmt.Printf("tlog-verify: entry %d is in the tree of %d entries, root %s\n", index+1, size, root)
	case "consistency":
		_, oldSize, oldRoot := checkpoint(read(os.Args[2]), os.Args[5])
		_, newSize, newRoot := checkpoint(read(os.Args[3]), os.Args[5])
		var proof tlog.TreeProof
		for _, line := range strings.Fields(string(read(os.Args[4]))) {
			hash, err := tlog.ParseHash(line)
			if err != nil {
				fail("consistency proof: %v", err)
			}
			proof = append(proof, hash)
		}
		if err := tlog.CheckTree(proof, newSize, newRoot, oldSize, oldRoot); err != nil {
			fail("the tree of %d does not extend the tree of %d: %v", newSize, oldSize, err)
		}
		fmt.Printf("tlog-verify: the tree of %d entries extends the tree of %d\n", newSize, oldSize)
	case "sign":
		signer, err := note.NewSigner(strings.TrimSpace(string(read(os.Args[2]))))
		if err != nil {
			fail("private key: %v", err)
		}
		signed, err := note.Sign(&note.Note{Text: "signed by Go with a decreg key\n"}, signer)
		if err != nil {
			fail("sign: %v", err)
		}
		verifier, err := note.NewVerifier(os.Args[3])
		if err != nil {
			fail("log key: %v", err)
		}
		if _, err := note.Open(signed, note.VerifierList(verifier)); err != nil {
			fail("Go's signature with the decreg key does not verify with the decreg verifier key: %v", err)
		}
		fmt.Printf("tlog-verify: Go signed with the decreg private key, and the decreg verifier key verifies it\n")
	case "tiles":
		base := strings.TrimSuffix(os.Args[2], "/")
		_, size, root := checkpoint(get(base+"/log/checkpoint"), os.Args[3])
		reader := tlog.TileHashReader(tlog.Tree{N: size, Hash: root}, c2spTiles{base})
		hash, err := tlog.TreeHash(size, reader)
		if err != nil || hash != root {
			fail("the tree hash from the tiles: %v %v", hash, err)
		}
		for start := int64(0); start < size; start += 256 {
			width := size - start
			if width > 256 {
				width = 256
			}
			bundle := get(base + "/log/" + tilePath("entries", start/256, int(width)))
			for i := int64(0); i < width; i++ {
				if len(bundle) < 2 {
					fail("entry bundle %d ends early", start/256)
				}
				length := int(binary.BigEndian.Uint16(bundle))
				entry := bundle[2 : 2+length]
				bundle = bundle[2+length:]
				proof, err := tlog.ProveRecord(size, start+i, reader)
				if err != nil {
					fail("proof of entry %d: %v", start+i+1, err)
				}
				if err := tlog.CheckRecord(proof, size, root, start+i, tlog.RecordHash(entry)); err != nil {
					fail("entry %d of the bundle is not in the tree: %v", start+i+1, err)
				}
			}
		}
		fmt.Printf("tlog-verify: the tiles at %s/log/ hold the tree of %d entries, every entry proved in it\n", base, size)
	default:
		fail("unknown command %s", os.Args[1])
	}
}
