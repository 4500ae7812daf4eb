// Goal: every campaign mode runs the scenario heavy-tail.json to the end (issue 3, R1).
import { runsEveryMode } from './every-mode.ts'

runsEveryMode('heavy-tail')
