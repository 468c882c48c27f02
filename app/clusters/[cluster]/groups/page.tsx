export { default } from '../../../groups/page';
