// Pure: where the boot plan lives on a machine, and the systemd unit that runs it at every boot.
// One unit per machine runs the entries of every stack there (each resource's entry is its own
// file): ordered after network-pre.target and before network.target, as network set-up is.

export const PLAN_DIR = "/etc/pulumi-netns/boot";
export const ENTRIES_DIR = `${PLAN_DIR}/entries`;
export const RUNNER_PATH = `${PLAN_DIR}/run.sh`;
export const BOOT_UNIT = "pulumi-netns-boot.service";
export const BOOT_UNIT_PATH = `/etc/systemd/system/${BOOT_UNIT}`;
/** `systemctl enable` of a unit WantedBy=multi-user.target makes this link. */
export const BOOT_UNIT_WANTS = `/etc/systemd/system/multi-user.target.wants/${BOOT_UNIT}`;

export function bootUnitText(): string {
    return [
        "# Made by pulumi-netns: puts back at boot the namespaces, links, routes, forwarding and rules the",
        `# stacks on this machine made (${ENTRIES_DIR}, one entry per resource). Removed with the last entry.`,
        "[Unit]",
        "Description=pulumi-netns: namespaces, links, routes, forwarding and rules of the stacks on this machine",
        "DefaultDependencies=no",
        "Wants=network-pre.target",
        "After=local-fs.target network-pre.target systemd-sysctl.service systemd-modules-load.service",
        "Before=network.target shutdown.target",
        "Conflicts=shutdown.target",
        "",
        "[Service]",
        "Type=oneshot",
        "RemainAfterExit=yes",
        `ExecStart=/bin/sh ${RUNNER_PATH} ${ENTRIES_DIR}`,
        "",
        "[Install]",
        "WantedBy=multi-user.target",
    ].join("\n");
}
