/** The benchmarking statistics against figures worked by hand (each worked in the comment above its assertion). */
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { directionOfTravel, euclidean, madFlag, madsFromMedian, median, medianAbsoluteDeviation, nearestNeighbours, ranks, zScores } from './statistics.ts'

const close = (actual: number, expected: number, message?: string) => assert.ok(Math.abs(actual - expected) < 1e-9, `${message ?? ''} ${actual} is not ${expected}`)

describe('median and median absolute deviation', () => {
  test('odd and even groups', () => {
    // 1 2 3 [4] 7 8 9: the median is 4; the deviations 3 2 1 0 3 4 5 sorted are 0 1 2 [3] 3 4 5: the MAD is 3.
    assert.equal(median([3, 8, 1, 9, 4, 7, 2]), 4)
    assert.equal(medianAbsoluteDeviation([3, 8, 1, 9, 4, 7, 2]), 3)
    // 10 20 30 40: the median is (20 + 30) / 2 = 25; the deviations 15 5 5 15: the MAD is (5 + 15) / 2 = 10.
    assert.equal(median([40, 10, 30, 20]), 25)
    assert.equal(medianAbsoluteDeviation([40, 10, 30, 20]), 10)
  })

  test('MADs from the median, and the flag beyond two of them in the direction that matters', () => {
    // 50 52 54 [55] 56 58 70: median 55; deviations 5 3 1 0 1 3 15 sorted 0 1 1 [3] 3 5 15: MAD 3.
    const group = [50, 52, 54, 55, 56, 58, 70]
    const centre = median(group)
    const mad = medianAbsoluteDeviation(group)
    assert.equal(mad, 3)
    // 70: (70 − 55) / 3 = 5 MADs above; 50: (50 − 55) / 3 = −1.67, within two.
    assert.equal(madsFromMedian(70, centre, mad), 5)
    close(madsFromMedian(50, centre, mad)!, -5 / 3)
    assert.equal(madFlag(5, 'high'), 'better')
    assert.equal(madFlag(5, 'low'), 'worse')
    assert.equal(madFlag(5, null), 'higher')
    assert.equal(madFlag(-2.5, 'high'), 'worse')
    assert.equal(madFlag(-2.5, 'low'), 'better')
    assert.equal(madFlag(-5 / 3, 'high'), null)
    assert.equal(madFlag(2, 'high'), null, 'exactly two MADs is not more than two')
    // Half the group on one value: the MAD is 0 and no distance in MADs can be given.
    assert.equal(medianAbsoluteDeviation([5, 5, 5, 9]), 0)
    assert.equal(madsFromMedian(9, 5, 0), null)
    assert.equal(madFlag(null, 'high'), null)
  })
})

describe('rank and direction of travel', () => {
  test('best first by polarity, equal values sharing a rank', () => {
    assert.deepEqual(ranks([5, 9, 9, 1], 'high'), [3, 1, 1, 4])
    assert.deepEqual(ranks([5, 9, 9, 1], 'low'), [2, 3, 3, 1])
    assert.deepEqual(ranks([5, 9, 9, 1], null), [3, 1, 1, 4], 'without a polarity, highest first')
  })

  test('improving or worsening by polarity; rising or falling without one', () => {
    assert.equal(directionOfTravel(40, 45, 'high'), 'improving')
    assert.equal(directionOfTravel(40, 45, 'low'), 'worsening')
    assert.equal(directionOfTravel(45, 40, null), 'falling')
    assert.equal(directionOfTravel(40, 40, 'high'), 'no change')
  })
})

describe('the nearest-neighbour model', () => {
  // Population 100, 200, 300: mean 200, population SD √((100² + 0 + 100²) / 3) = 81.65, z = −1.2247, 0, 1.2247.
  // Density 10, 10, 40: mean 20, SD √((100 + 100 + 400) / 3) = 14.142, z = −0.7071, −0.7071, 1.4142.
  const rows = [
    [100, 10],
    [200, 10],
    [300, 40],
  ]

  test('z-scores', () => {
    const z = zScores(rows)
    close(z[0]![0]!, -Math.sqrt(1.5))
    close(z[1]![0]!, 0)
    close(z[2]![0]!, Math.sqrt(1.5))
    close(z[0]![1]!, -Math.SQRT1_2)
    close(z[2]![1]!, Math.SQRT2)
    assert.deepEqual(zScores([[3], [3]]), [[0], [0]], 'a variable every council shares tells nothing')
  })

  test('Euclidean distance on z-scores, the nearest first, and which variables make each near or far', () => {
    // A to B: √(1.2247² + 0²) = √1.5 = 1.2247. A to C: √(2.4495² + 2.1213²) = √(6 + 4.5) = √10.5 = 3.2404.
    close(euclidean([0, 0], [3, 4]), 5)
    const values = new Map([
      ['A', rows[0]!],
      ['B', rows[1]!],
      ['C', rows[2]!],
    ])
    const [b, c] = nearestNeighbours('A', values, ['population', 'density'])
    assert.equal(b!.key, 'B')
    close(b!.distance, Math.sqrt(1.5))
    assert.deepEqual(b!.near, ['density'], 'the same density: near on it')
    assert.deepEqual(b!.far, ['population'], '1.22 standard deviations apart on population: far on it')
    close(b!.gaps[0]!.share, 1)
    assert.equal(c!.key, 'C')
    close(c!.distance, Math.sqrt(10.5))
    // Population's share of the squared distance: 6 / 10.5 = 0.5714; density's 4.5 / 10.5 = 0.4286.
    assert.equal(c!.gaps[0]!.variable, 'population')
    close(c!.gaps[0]!.share, 6 / 10.5)
    close(c!.gaps[1]!.share, 4.5 / 10.5)
    assert.deepEqual(c!.far.sort(), ['density', 'population'])
    assert.equal(nearestNeighbours('A', values, ['population', 'density'], 1).length, 1, 'at most the number asked for')
  })
})
