/** The fix for closed ports: the server's own firewall, then the provider's. */
export function firewallAdvice(ports: readonly number[]): string {
	return [
		`Open ${ports.map(port => `${port}/tcp`).join(', ')} on the server's firewall, for example with ufw:`,
		...ports.map(port => `  sudo ufw allow ${port}/tcp`),
		'and in your provider\'s firewall (often "Security groups" or "Firewall" in its panel) allow inbound TCP on the same ports.',
	].join('\n');
}
