export { default } from '../../../topics/page';
