/** The build of the retrieval example: the shared example settings of tsup.shared.ts. */
import { exampleConfig } from '../../tsup.shared';

export default exampleConfig(['src/main.ts', 'src/loss-worker.ts', 'src/one-trainer.ts']);
