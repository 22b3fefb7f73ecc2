/**
 * Preloaded (`node --import`) into a command the benchmark runs, to report the process's peak resident memory: at exit
 * it writes getrusage's maxrss (KiB on Linux), in MiB, to the file named in CATALYST_PEAK_RSS_FILE.
 */
import fs from 'node:fs'

const file = process.env.CATALYST_PEAK_RSS_FILE
if (file) process.on('exit', () => fs.writeFileSync(file, String(Math.round(process.resourceUsage().maxRSS / 1024))))
