import { OutputBudget } from './output-budget';

async function collect(budget: OutputBudget): Promise<string> {
  let text = '';
  for await (const chunk of budget.chunks()) text += `${chunk.stream[3]}:${chunk.data.toString()} `;
  return text;
}

describe('OutputBudget', () => {
  it('delivers chunks in order while under the limit', async () => {
    const budget = new OutputBudget(100);
    budget.push('stdout', Buffer.from('ab'));
    budget.push('stderr', Buffer.from('cd'));
    budget.close();
    await expect(collect(budget)).resolves.toBe('o:ab e:cd ');
    expect(budget.truncated).toBe(false);
  });

  it('cuts the chunk that crosses the limit and counts every dropped byte', async () => {
    const budget = new OutputBudget(5);
    budget.push('stdout', Buffer.from('abc'));
    budget.push('stdout', Buffer.from('defg'));
    budget.push('stderr', Buffer.from('hij'));
    budget.close();
    await expect(collect(budget)).resolves.toBe('o:abc o:de ');
    expect(budget.droppedBytes).toBe(5);
    expect(budget.truncated).toBe(true);
  });

  it('wakes a reader that is waiting for output', async () => {
    const budget = new OutputBudget(10);
    const reading = collect(budget);
    await new Promise((resolve) => setImmediate(resolve));
    budget.push('stdout', Buffer.from('late'));
    budget.close();
    await expect(reading).resolves.toBe('o:late ');
  });
});
