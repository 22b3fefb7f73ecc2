// Progressive enhancement only: every page works without JavaScript.
import { initAll } from '/assets/govuk-frontend.min.js'

initAll()

// Participatory budgeting: keep the ballot's running total (rendered by the server after each submit) up to date as
// ideas are ticked. Each idea's checkbox carries its cost in pence; the total's paragraph carries the budget.
const ballotTotal = document.getElementById('ballot-total')
if (ballotTotal) {
  const budget = Number(ballotTotal.dataset.budgetPence)
  const pounds = (pence) => '£' + Math.round(pence / 100).toLocaleString('en-GB')
  const boxes = [...document.querySelectorAll('input[name="ideaIds"][data-cost-pence]')]
  const update = () => {
    const chosen = boxes.filter((box) => box.checked).reduce((sum, box) => sum + Number(box.dataset.costPence), 0)
    const over = chosen > budget
    ballotTotal.innerHTML = ''
    const strong = document.createElement('strong')
    strong.textContent = pounds(chosen)
    ballotTotal.append('Ideas you have chosen cost ', strong, ` of the ${pounds(budget)} budget`)
    if (over) {
      const overBy = document.createElement('strong')
      overBy.textContent = `${pounds(chosen - budget)} over`
      ballotTotal.append(': ', overBy, '.')
    } else {
      ballotTotal.append(`, leaving ${pounds(budget - chosen)}.`)
    }
  }
  for (const box of boxes) box.addEventListener('change', update)
}
