/** Each role from the home page to its main task by following links, at 375 px: axe clean, no sideways scrolling. */
import { roleTasksAt } from './support/role-tasks.ts'

roleTasksAt(375)
