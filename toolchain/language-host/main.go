// Command pulumi-language-nodejs is a small Node.js language host for the Pulumi engine.
//
// The upstream host lives in its own Go module, which the module proxy reachable from this
// project's machines does not serve, while the engine (pulumi/pkg) and the SDK (pulumi/sdk) are.
// This host covers what preview, up, refresh and destroy need: it runs the program with the
// `cmd/run` entry point that the program's own @pulumi/pulumi npm package ships, exactly as the
// upstream host does. Code generation, `pulumi new` templating and plugin packs are not provided.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"
)

// version is stamped at build time to match the engine it is built with.
var version = "v0.0.0-dev"

// exitCodeBail is what @pulumi/pulumi's runner exits with after it already printed an
// actionable message: the engine then stops without adding one of its own.
const exitCodeBail = 32

func main() {
	// The engine passes its own address as the last positional argument, after optional flags.
	engineAddress := ""
	for _, arg := range os.Args[1:] {
		if !strings.HasPrefix(arg, "-") {
			engineAddress = arg
		}
	}
	host := &nodeHost{engineAddress: engineAddress}
	exitOnStop(host)
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, host)
			return nil
		},
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: could not start the RPC server: %v\n", err)
		os.Exit(1)
	}
	// The engine reads our port from the first line of stdout.
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: RPC server stopped: %v\n", err)
		os.Exit(1)
	}
}

// exitOnStop ends the host as soon as the engine asks it to stop. The engine stops a plugin with
// SIGINT to its process group, waits 5 s, then kills it. A process started from a script's
// background job (`cmd &` in a non-interactive shell), by nohup or by some service managers
// inherits SIGINT ignored, and Go keeps an inherited "ignore" unless the signal is asked for: such
// a host would sit out the 5 s on every pulumi command. Asking for SIGINT and SIGTERM here makes
// them end the host whatever it inherited (the program it runs, a Node.js process, resets its
// own signal handling at start).
func exitOnStop(host *nodeHost) {
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
	go func() {
		sig := <-stop
		host.signalProgram(sig)
		code := 1
		if s, ok := sig.(syscall.Signal); ok {
			code = 128 + int(s)
		}
		os.Exit(code)
	}()
}

type nodeHost struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	mu            sync.Mutex
	engineAddress string
	// program is the Node.js process of a Run in progress, if any.
	program *os.Process
}

// signalProgram passes a stop signal on to the program of a Run in progress.
func (h *nodeHost) signalProgram(sig os.Signal) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.program != nil {
		_ = h.program.Signal(sig)
	}
}

func (h *nodeHost) Handshake(
	_ context.Context, req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if req.GetEngineAddress() != "" {
		h.engineAddress = req.GetEngineAddress()
	}
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *nodeHost) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version}, nil
}

// Plugins are resolved by the engine when resources register; nothing is pre-installed.
func (h *nodeHost) GetRequiredPlugins(
	context.Context, *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	return &pulumirpc.GetRequiredPluginsResponse{}, nil
}

func (h *nodeHost) GetRequiredPackages(
	context.Context, *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return &pulumirpc.GetRequiredPackagesResponse{}, nil
}

func (h *nodeHost) GetProgramDependencies(
	context.Context, *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	return &pulumirpc.GetProgramDependenciesResponse{}, nil
}

func (h *nodeHost) About(context.Context, *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	out, err := exec.Command("node", "--version").Output()
	if err != nil {
		return nil, fmt.Errorf("node --version: %w", err)
	}
	return &pulumirpc.AboutResponse{Executable: "node", Version: strings.TrimSpace(string(out))}, nil
}

// Dependencies are installed by the project's own setup (npm ci), never by the engine.
func (h *nodeHost) InstallDependencies(
	*pulumirpc.InstallDependenciesRequest, grpc.ServerStreamingServer[pulumirpc.InstallDependenciesResponse],
) error {
	return nil
}

func (h *nodeHost) Run(_ context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	programDir, entryPoint := req.GetPwd(), "."
	if info := req.GetInfo(); info != nil {
		if info.GetProgramDirectory() != "" {
			programDir = info.GetProgramDirectory()
		}
		if info.GetEntryPoint() != "" {
			entryPoint = info.GetEntryPoint()
		}
	} else if req.GetProgram() != "" {
		entryPoint = req.GetProgram()
	}

	runScript, err := resolveRunScript(programDir)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	env, err := runEnvironment(req)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}

	h.mu.Lock()
	engineAddress := h.engineAddress
	h.mu.Unlock()

	args := nodeArgs(req)
	args = append(args, runScript, "--monitor", req.GetMonitorAddress())
	appendFlag := func(name, value string) {
		if value != "" {
			args = append(args, "--"+name, value)
		}
	}
	appendFlag("engine", engineAddress)
	appendFlag("organization", req.GetOrganization())
	appendFlag("project", req.GetProject())
	appendFlag("stack", req.GetStack())
	appendFlag("pwd", programDir)
	if info := req.GetInfo(); info != nil {
		appendFlag("root-directory", info.GetRootDirectory())
	}
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	if req.GetParallel() > 0 {
		appendFlag("parallel", fmt.Sprint(req.GetParallel()))
	}
	args = append(args, entryPoint)
	args = append(args, req.GetArgs()...)

	cmd := exec.Command("node", args...)
	cmd.Dir = programDir
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Start(); err != nil {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("could not run node: %v", err)}, nil
	}
	h.mu.Lock()
	h.program = cmd.Process
	h.mu.Unlock()
	err = cmd.Wait()
	h.mu.Lock()
	h.program = nil
	h.mu.Unlock()
	if err != nil {
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			if exitErr.ExitCode() == exitCodeBail {
				return &pulumirpc.RunResponse{Bail: true}, nil
			}
			return &pulumirpc.RunResponse{
				Error: fmt.Sprintf("Program exited with non-zero exit code: %d", exitErr.ExitCode()),
			}, nil
		}
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("could not run node: %v", err)}, nil
	}
	return &pulumirpc.RunResponse{}, nil
}

// resolveRunScript finds the runner of the @pulumi/pulumi package the program itself resolves,
// searching parent directories as Node does, so a program shares the SDK copy of its project.
func resolveRunScript(programDir string) (string, error) {
	for dir := programDir; ; dir = filepath.Dir(dir) {
		candidate := filepath.Join(dir, "node_modules", "@pulumi", "pulumi", "cmd", "run")
		if _, err := os.Stat(filepath.Join(candidate, "index.js")); err == nil {
			return candidate, nil
		}
		if dir == filepath.Dir(dir) {
			return "", fmt.Errorf(
				"@pulumi/pulumi is not installed for %s: run npm install in the project", programDir)
		}
	}
}

// runEnvironment passes config and runtime options the way @pulumi/pulumi's runner reads them.
func runEnvironment(req *pulumirpc.RunRequest) ([]string, error) {
	config := req.GetConfig()
	if config == nil {
		config = map[string]string{}
	}
	configJSON, err := json.Marshal(config)
	if err != nil {
		return nil, fmt.Errorf("serializing config: %w", err)
	}
	secretKeys := req.GetConfigSecretKeys()
	if secretKeys == nil {
		secretKeys = []string{}
	}
	secretKeysJSON, err := json.Marshal(secretKeys)
	if err != nil {
		return nil, fmt.Errorf("serializing secret config keys: %w", err)
	}
	env := append(os.Environ(),
		"PULUMI_CONFIG="+string(configJSON),
		"PULUMI_CONFIG_SECRET_KEYS="+string(secretKeysJSON))
	if option(req, "typescript", true) {
		env = append(env, "PULUMI_NODEJS_TYPESCRIPT=true")
	}
	return env, nil
}

// nodeArgs returns the `nodeargs` runtime option of Pulumi.yaml, split on spaces.
func nodeArgs(req *pulumirpc.RunRequest) []string {
	if opts := req.GetInfo().GetOptions(); opts != nil {
		if v, ok := opts.GetFields()["nodeargs"]; ok {
			return strings.Fields(v.GetStringValue())
		}
	}
	return nil
}

func option(req *pulumirpc.RunRequest, name string, fallback bool) bool {
	if opts := req.GetInfo().GetOptions(); opts != nil {
		if v, ok := opts.GetFields()[name]; ok {
			return v.GetBoolValue()
		}
	}
	return fallback
}
