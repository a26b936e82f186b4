import { prepareDatabase } from './bench/lib/database.ts';
import { generate } from './bench/register-list.ts';
const data = await prepareDatabase('sqlite');
await generate(data.url, 100_000, console.error);
console.log(data.url);
