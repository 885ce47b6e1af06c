// Command netns-go runs this folder's programs with Pulumi's Automation API: each program is a Go
// function handed to the CLI (an inline program), so only the `pulumi` CLI and the
// pulumi-resource-netns plugin are needed, not the CLI's Go language host.
//
//	go run . up|preview|refresh|destroy|outputs [-stack dev] [-program seeds|network] [-expect-no-changes]
//
// State goes where PULUMI_BACKEND_URL says (`pulumi login` otherwise); the project's scripts point
// it at a local file backend.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optdestroy"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optrefresh"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

var programs = map[string]pulumi.RunFunc{"seeds": seeds, "network": network}

func main() {
	// Started by the Pulumi CLI's Go language host (`pulumi up` in this folder): the seeds, as a plain program.
	if os.Getenv("PULUMI_MONITOR") != "" {
		pulumi.Run(seeds)
		return
	}
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: go run . up|preview|refresh|destroy|outputs [-stack dev] [-program seeds|network] [-expect-no-changes]")
		os.Exit(2)
	}
	command := os.Args[1]
	flags := flag.NewFlagSet(command, flag.ExitOnError)
	stackName := flags.String("stack", "dev", "the stack")
	programName := flags.String("program", "seeds", "seeds or network")
	expectNoChanges := flags.Bool("expect-no-changes", false, "preview: fail when anything would change")
	_ = flags.Parse(os.Args[2:])
	program, ok := programs[*programName]
	if !ok {
		fmt.Fprintf(os.Stderr, "no program %q (seeds, network)\n", *programName)
		os.Exit(2)
	}
	if err := run(context.Background(), command, *stackName, *programName, program, *expectNoChanges); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(ctx context.Context, command, stackName, programName string, program pulumi.RunFunc, expectNoChanges bool) error {
	stack, err := auto.UpsertStackInlineSource(ctx, stackName, "netns-"+programName+"-go", program)
	if err != nil {
		return err
	}
	out := os.Stdout
	switch command {
	case "up":
		if _, err := stack.Up(ctx, optup.ProgressStreams(out)); err != nil {
			return err
		}
	case "preview":
		opts := []optpreview.Option{optpreview.ProgressStreams(out), optpreview.Diff()}
		if expectNoChanges {
			opts = append(opts, optpreview.ExpectNoChanges())
		}
		result, err := stack.Preview(ctx, opts...)
		if err != nil {
			return err
		}
		return printJSON(map[string]any{"changes": result.ChangeSummary})
	case "refresh":
		_, err = stack.Refresh(ctx, optrefresh.ProgressStreams(out))
		return err
	case "destroy":
		_, err = stack.Destroy(ctx, optdestroy.ProgressStreams(out))
		return err
	case "outputs":
	default:
		return fmt.Errorf("no command %q (up, preview, refresh, destroy, outputs)", command)
	}
	outputs, err := stack.Outputs(ctx)
	if err != nil {
		return err
	}
	values := map[string]any{}
	for key, output := range outputs {
		values[key] = output.Value
	}
	return printJSON(map[string]any{"outputs": values})
}

func printJSON(value any) error {
	text, err := json.Marshal(value)
	if err != nil {
		return err
	}
	fmt.Println(string(text))
	return nil
}
